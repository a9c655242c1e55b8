package cn.lianxin.cases;

import static cn.lianxin.cases.CaseState.ARCHIVED;
import static cn.lianxin.cases.CaseState.FEEDBACK_GIVEN;
import static cn.lianxin.cases.CaseState.IN_PROGRESS;
import static cn.lianxin.cases.CaseState.RECEIVED;
import static cn.lianxin.cases.CaseState.REGISTERED;
import static cn.lianxin.cases.CaseState.REPLIED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The six steps as one table: for each command, the steps it may be given in and the step it leads to
 * (empty: the case stays where it is). Everything else about a command — who may give it, what it records —
 * lives in {@link CaseLifecycle}; whether it may be given at all is decided here.
 */
public final class Transitions {

    record Rule(Set<CaseState> from, Optional<CaseState> to) {
    }

    private static final Map<CaseCommand, Rule> RULES = new EnumMap<>(CaseCommand.class);

    static {
        rule(CaseCommand.SET_VILLAGE, EnumSet.of(REGISTERED), REGISTERED);
        rule(CaseCommand.ASSIGN, EnumSet.of(REGISTERED), REGISTERED);
        rule(CaseCommand.SIGN_FOR, EnumSet.of(REGISTERED), RECEIVED);
        rule(CaseCommand.CHOOSE_HANDLING, EnumSet.of(RECEIVED), IN_PROGRESS);
        rule(CaseCommand.ADD_NOTE, EnumSet.of(RECEIVED, IN_PROGRESS), null);
        rule(CaseCommand.ESCALATE, EnumSet.of(IN_PROGRESS), null);
        rule(CaseCommand.RECORD_INSTRUCTION, EnumSet.of(IN_PROGRESS), null);
        // A transferred case waits for its new representative to sign for it.
        rule(CaseCommand.TRANSFER, EnumSet.of(REGISTERED, RECEIVED, IN_PROGRESS), REGISTERED);
        rule(CaseCommand.RETURN_TO_DISPATCH, EnumSet.of(REGISTERED, RECEIVED, IN_PROGRESS), REGISTERED);
        rule(CaseCommand.REPLY, EnumSet.of(IN_PROGRESS), REPLIED);
        rule(CaseCommand.RECORD_FEEDBACK, EnumSet.of(REPLIED), FEEDBACK_GIVEN);
        rule(CaseCommand.REOPEN, EnumSet.of(FEEDBACK_GIVEN), IN_PROGRESS);
        rule(CaseCommand.REVISIT, EnumSet.of(REPLIED, FEEDBACK_GIVEN), null);
        rule(CaseCommand.ARCHIVE, EnumSet.of(REPLIED, FEEDBACK_GIVEN), ARCHIVED);
    }

    private Transitions() {
    }

    private static void rule(CaseCommand command, Set<CaseState> from, CaseState to) {
        RULES.put(command, new Rule(Set.copyOf(from), Optional.ofNullable(to)));
    }

    public static boolean allows(CaseState state, CaseCommand command) {
        return RULES.get(command).from().contains(state);
    }

    /** Where the command leads from {@code state}; only meaningful when {@link #allows} said yes. */
    public static CaseState target(CaseState state, CaseCommand command) {
        return RULES.get(command).to().orElse(state);
    }

    /** The commands a case in {@code state} accepts, in the order of the six steps. */
    public static List<CaseCommand> allowedIn(CaseState state) {
        return RULES.entrySet().stream().filter(e -> e.getValue().from().contains(state)).map(Map.Entry::getKey).toList();
    }
}
