package cn.lianxin.broadcasts.domain;

import static cn.lianxin.broadcasts.domain.BroadcastState.AWAITING_APPROVAL;
import static cn.lianxin.broadcasts.domain.BroadcastState.CANCELLED;
import static cn.lianxin.broadcasts.domain.BroadcastState.DRAFT;
import static cn.lianxin.broadcasts.domain.BroadcastState.SCHEDULED;
import static cn.lianxin.broadcasts.domain.BroadcastState.SENDING;
import static cn.lianxin.broadcasts.domain.BroadcastState.SENT;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A broadcast's lifecycle as one table, like the cases' {@code Transitions}: for each command the states it may be
 * given in and the state it leads to. {@link #refusal} is the one answer to "may this caller do this now?" — the
 * API's 403/409, the console's buttons and the sender all ask it.
 */
public final class BroadcastRules {

    /** Who gives a command: an office account (by its user name), or the sender working through approved broadcasts. */
    public record Actor(String username, boolean townOffice, boolean sender) {
        public static Actor office(String username) {
            return new Actor(username, true, false);
        }

        public static final Actor SENDER = new Actor("system", false, true);
    }

    private record Rule(Set<BroadcastState> from, BroadcastState to, boolean bySender) {
    }

    private static final Map<BroadcastCommand, Rule> RULES = new EnumMap<>(BroadcastCommand.class);

    static {
        RULES.put(BroadcastCommand.SUBMIT, new Rule(Set.of(DRAFT), AWAITING_APPROVAL, false));
        RULES.put(BroadcastCommand.APPROVE, new Rule(Set.of(AWAITING_APPROVAL), SCHEDULED, false));
        RULES.put(BroadcastCommand.START_SENDING, new Rule(Set.of(SCHEDULED), SENDING, true));
        RULES.put(BroadcastCommand.FINISH, new Rule(Set.of(SENDING), SENT, true));
        // The failed alone go out again (an SMS again, a failed subscribe message by SMS); the broadcast is going out until they are answered.
        RULES.put(BroadcastCommand.RETRY_FAILED, new Rule(Set.of(SENDING, SENT), SENDING, false));
        // Once it goes out it cannot be called back: what was sent stays sent.
        RULES.put(BroadcastCommand.CANCEL, new Rule(Set.of(DRAFT, AWAITING_APPROVAL, SCHEDULED), CANCELLED, false));
    }

    private BroadcastRules() {
    }

    /** Empty when {@code actor} may give {@code command} to the broadcast now; otherwise why not. */
    public static Optional<Refusal> refusal(Actor actor, BroadcastFacts b, BroadcastCommand command) {
        Rule rule = RULES.get(command);
        if (rule.bySender() ? !actor.sender() : !actor.townOffice()) {
            return Optional.of(new Refusal.NotPermitted(command, rule.bySender()
                    ? "Only the sender " + command.label() + "s a broadcast." : "Only the town office may " + command.label() + " a broadcast."));
        }
        if (!rule.from().contains(b.state())) {
            return Optional.of(new Refusal.NotNow(b.state(), "A broadcast cannot " + command.label() + " while it is " + b.state().label() + ".",
                    allowed(actor, b)));
        }
        if (command == BroadcastCommand.APPROVE && actor.username().equals(b.author())) {
            return Optional.of(new Refusal.OwnBroadcast(b.author(),
                    "The author of a broadcast cannot approve it: a second town-office account must."));
        }
        return Optional.empty();
    }

    /** The commands {@code actor} may give now, in lifecycle order. */
    public static List<BroadcastCommand> allowed(Actor actor, BroadcastFacts b) {
        return Arrays.stream(BroadcastCommand.values()).filter(c -> allows(actor, b, c)).toList();
    }

    private static boolean allows(Actor actor, BroadcastFacts b, BroadcastCommand command) {
        Rule rule = RULES.get(command);
        boolean permitted = rule.bySender() ? actor.sender() : actor.townOffice();
        boolean ownApproval = command == BroadcastCommand.APPROVE && actor.username().equals(b.author());
        return permitted && rule.from().contains(b.state()) && !ownApproval;
    }

    /** Where the command leads; only meaningful when {@link #refusal} said yes. */
    public static BroadcastState target(BroadcastCommand command) {
        return RULES.get(command).to();
    }

    /** A broadcast in these states has its delivery rows, and its counts mean something. */
    public static boolean released(BroadcastState state) {
        return state == SENDING || state == SENT;
    }
}
