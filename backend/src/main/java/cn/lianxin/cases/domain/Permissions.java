package cn.lianxin.cases.domain;

import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may give which command to a case they can see. ASSIGNEE is the representative the case is assigned to
 * (a group leader can be one too). Seeing a case is {@link CaseScope}'s business; this decides acting on it.
 */
final class Permissions {

    enum Actor { TOWN_OFFICE, LIAISON, GROUP_LEADER, ASSIGNEE, RESIDENT }

    private static final Map<CommandKind, Set<Actor>> ACTORS = new EnumMap<>(CommandKind.class);

    static {
        Set<Actor> dispatch = EnumSet.of(Actor.TOWN_OFFICE, Actor.LIAISON, Actor.GROUP_LEADER);
        Set<Actor> handling = EnumSet.of(Actor.TOWN_OFFICE, Actor.ASSIGNEE);
        Set<Actor> directing = EnumSet.of(Actor.TOWN_OFFICE, Actor.GROUP_LEADER, Actor.ASSIGNEE);
        ACTORS.put(CommandKind.SET_VILLAGE, dispatch);
        ACTORS.put(CommandKind.ASSIGN, dispatch);
        ACTORS.put(CommandKind.SIGN_FOR, handling);
        ACTORS.put(CommandKind.CHOOSE_HANDLING, handling);
        ACTORS.put(CommandKind.ADD_NOTE, directing);
        ACTORS.put(CommandKind.ESCALATE, handling);
        // The instruction comes from above: the town committee's office or the group leader.
        ACTORS.put(CommandKind.RECORD_INSTRUCTION, EnumSet.of(Actor.TOWN_OFFICE, Actor.GROUP_LEADER));
        ACTORS.put(CommandKind.TRANSFER, directing);
        ACTORS.put(CommandKind.RETURN_TO_DISPATCH, directing);
        ACTORS.put(CommandKind.REPLY, handling);
        // The resident's verdict: given by the resident (an SMS "1") or recorded by those who took it, never by the
        // representative being judged.
        ACTORS.put(CommandKind.RECORD_FEEDBACK, EnumSet.of(Actor.TOWN_OFFICE, Actor.LIAISON, Actor.GROUP_LEADER, Actor.RESIDENT));
        // An unsatisfied resident may ask for their case to be handled again from the mini-program (the lifecycle
        // still requires the 不满意 verdict first).
        ACTORS.put(CommandKind.REOPEN, EnumSet.of(Actor.TOWN_OFFICE, Actor.LIAISON, Actor.GROUP_LEADER, Actor.RESIDENT));
        // 谁走访谁负责: whoever visits records the visit.
        ACTORS.put(CommandKind.REVISIT, EnumSet.of(Actor.TOWN_OFFICE, Actor.LIAISON, Actor.GROUP_LEADER, Actor.ASSIGNEE));
        ACTORS.put(CommandKind.ARCHIVE, EnumSet.of(Actor.TOWN_OFFICE, Actor.LIAISON));
    }

    // Those who call the resident back: who handles, dispatches or revisits the case (谁走访谁负责).
    private static final Set<Actor> CONTACTS = EnumSet.of(Actor.TOWN_OFFICE, Actor.LIAISON, Actor.GROUP_LEADER, Actor.ASSIGNEE);

    private Permissions() {
    }

    /** Whether the caller may read the resident's phone number in clear, to call them about this case. */
    static boolean mayCallResident(Caller caller, CaseFacts c) {
        return actorsOf(caller, c).stream().anyMatch(CONTACTS::contains);
    }

    static boolean permits(Caller caller, CaseFacts c, CommandKind command) {
        Set<Actor> allowed = ACTORS.get(command);
        return actorsOf(caller, c).stream().anyMatch(allowed::contains);
    }

    private static Set<Actor> actorsOf(Caller caller, CaseFacts c) {
        Set<Actor> actors = EnumSet.noneOf(Actor.class);
        if (caller.isResident()) {
            return EnumSet.of(Actor.RESIDENT);
        }
        switch (caller.role()) {
            case TOWN_OFFICE -> actors.add(Actor.TOWN_OFFICE);
            case LIAISON -> actors.add(Actor.LIAISON);
            case GROUP_LEADER -> actors.add(Actor.GROUP_LEADER);
            case REPRESENTATIVE -> { }
        }
        boolean assignee = (caller.is(StaffRole.REPRESENTATIVE) || caller.is(StaffRole.GROUP_LEADER))
                && caller.representativeId() != null && caller.representativeId().equals(c.representativeId());
        if (assignee) {
            actors.add(Actor.ASSIGNEE);
        }
        return actors;
    }
}
