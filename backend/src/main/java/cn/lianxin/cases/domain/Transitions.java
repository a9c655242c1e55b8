package cn.lianxin.cases.domain;

import static cn.lianxin.cases.domain.CaseState.ARCHIVED;
import static cn.lianxin.cases.domain.CaseState.FEEDBACK_GIVEN;
import static cn.lianxin.cases.domain.CaseState.IN_PROGRESS;
import static cn.lianxin.cases.domain.CaseState.RECEIVED;
import static cn.lianxin.cases.domain.CaseState.REGISTERED;
import static cn.lianxin.cases.domain.CaseState.REPLIED;

import cn.lianxin.staff.Caller;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The six steps as one table: for each command, the steps it may be given in, the step it leads to (none: the
 * case stays where it is) and the named rules the case must also meet. {@link #refusal} is the one answer to
 * "may this caller give this command to this case now?": the API's 409 and {@code allowedCommands}, the
 * mini-program's buttons and WeCom's taps all ask it.
 */
public final class Transitions {

    /** A condition on the case beyond its step, named so that a refusal can say which one failed. */
    public enum Guard {
        NO_INSTRUCTION_AWAITED("The case waits for the instruction it was escalated for; record it before replying.",
                c -> !c.awaitingInstruction()),
        INSTRUCTION_AWAITED("No escalation of this case is waiting for an instruction.", c -> c.awaitingInstruction()),
        RATED_UNSATISFIED("Only a case the resident was unsatisfied with is reopened.", c -> c.feedback() == Feedback.UNSATISFIED),
        // 件件有回音: the reply reached the resident (its message was sent or delivered) and feedback was asked for.
        REPLY_DELIVERED_AND_FEEDBACK_ASKED("件件有回音: a case is archived only after its reply was delivered to the resident"
                + " and feedback was asked for (a rating, a revisit, or a delivered feedback prompt).",
                c -> c.replyDelivered() && c.feedbackAttempted());

        final String why;
        private final Predicate<CaseFacts> holds;

        Guard(String why, Predicate<CaseFacts> holds) {
            this.why = why;
            this.holds = holds;
        }
    }

    record Rule(Set<CaseState> from, Optional<CaseState> to, List<Guard> guards) {
    }

    private static final Map<CommandKind, Rule> RULES = new EnumMap<>(CommandKind.class);

    static {
        rule(CommandKind.SET_VILLAGE, EnumSet.of(REGISTERED), REGISTERED);
        rule(CommandKind.ASSIGN, EnumSet.of(REGISTERED), REGISTERED);
        rule(CommandKind.SIGN_FOR, EnumSet.of(REGISTERED), RECEIVED);
        rule(CommandKind.CHOOSE_HANDLING, EnumSet.of(RECEIVED), IN_PROGRESS);
        rule(CommandKind.ADD_NOTE, EnumSet.of(RECEIVED, IN_PROGRESS), null);
        rule(CommandKind.ESCALATE, EnumSet.of(IN_PROGRESS), null);
        rule(CommandKind.RECORD_INSTRUCTION, EnumSet.of(IN_PROGRESS), null, Guard.INSTRUCTION_AWAITED);
        // A transferred case waits for its new representative to sign for it.
        rule(CommandKind.TRANSFER, EnumSet.of(REGISTERED, RECEIVED, IN_PROGRESS), REGISTERED);
        rule(CommandKind.RETURN_TO_DISPATCH, EnumSet.of(REGISTERED, RECEIVED, IN_PROGRESS), REGISTERED);
        rule(CommandKind.REPLY, EnumSet.of(IN_PROGRESS), REPLIED, Guard.NO_INSTRUCTION_AWAITED);
        rule(CommandKind.RECORD_FEEDBACK, EnumSet.of(REPLIED), FEEDBACK_GIVEN);
        rule(CommandKind.REOPEN, EnumSet.of(FEEDBACK_GIVEN), IN_PROGRESS, Guard.RATED_UNSATISFIED);
        // 回访 follows a case after its reply, archived too; "not carried out" reopens it (see target).
        rule(CommandKind.REVISIT, EnumSet.of(REPLIED, FEEDBACK_GIVEN, ARCHIVED), null);
        rule(CommandKind.ARCHIVE, EnumSet.of(REPLIED, FEEDBACK_GIVEN), ARCHIVED, Guard.REPLY_DELIVERED_AND_FEEDBACK_ASKED);
    }

    private Transitions() {
    }

    private static void rule(CommandKind kind, Set<CaseState> from, CaseState to, Guard... guards) {
        RULES.put(kind, new Rule(Set.copyOf(from), Optional.ofNullable(to), List.of(guards)));
    }

    /** Empty when the caller may give the command to the case now; otherwise why not. */
    public static Optional<Rejection> refusal(Caller caller, CaseFacts c, CommandKind kind) {
        if (!Permissions.permits(caller, c, kind)) {
            return Optional.of(new Rejection.NotPermitted(c.number(), kind));
        }
        Rule rule = RULES.get(kind);
        if (!rule.from().contains(c.state())) {
            return Optional.of(new Rejection.NotNow(c.state(), Optional.empty(),
                    kind.label() + " is not possible while the case is in " + c.state().label(), allowed(caller, c)));
        }
        return failedGuard(rule, c).map(g -> new Rejection.NotNow(c.state(), Optional.of(g), g.why, allowed(caller, c)));
    }

    /** Whether {@link #refusal} would say yes. */
    /** Whether the caller may read the case's resident's number in clear (everyone else sees it masked). */
    public static boolean mayCallResident(Caller caller, CaseFacts c) {
        return Permissions.mayCallResident(caller, c);
    }

    public static boolean allows(Caller caller, CaseFacts c, CommandKind kind) {
        Rule rule = RULES.get(kind);
        return Permissions.permits(caller, c, kind) && rule.from().contains(c.state()) && failedGuard(rule, c).isEmpty();
    }

    /** The commands the caller may give the case now, in the order of the six steps. */
    public static List<CommandKind> allowed(Caller caller, CaseFacts c) {
        return Arrays.stream(CommandKind.values()).filter(kind -> allows(caller, c, kind)).toList();
    }

    private static Optional<Guard> failedGuard(Rule rule, CaseFacts c) {
        return rule.guards().stream().filter(g -> !g.holds.test(c)).findFirst();
    }

    /**
     * Where the command leads from {@code state}; only meaningful when {@link #refusal} said yes. A revisit that finds
     * the matter not carried out (事事有落实) puts the case back in hand, whatever step it had reached.
     */
    public static CaseState target(CaseState state, CaseCommand command) {
        if (command instanceof CaseCommand.Revisit revisit && revisit.outcome() == RevisitOutcome.NOT_CARRIED_OUT) {
            return IN_PROGRESS;
        }
        return RULES.get(command.kind()).to().orElse(state);
    }
}
