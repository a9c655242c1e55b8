package cn.lianxin.cases.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Why a case command was not carried out. The domain says why; {@code CaseRejections} turns it into problem+json. */
public sealed interface Rejection {

    /** The caller may not see the case: to them it does not exist. */
    record Unseen(UUID caseId) implements Rejection {
    }

    /** The caller sees the case but may not give this command to it. */
    record NotPermitted(String number, CommandKind kind) implements Rejection {
    }

    /**
     * The case does not accept the command now: its step, the rule it fails (none: the step itself does not accept
     * the command), why, and what this caller may do instead.
     */
    record NotNow(CaseState state, Optional<Transitions.Guard> rule, String why, List<CommandKind> allowed) implements Rejection {
    }

    /** What the command carries is missing or may not be used. */
    record Invalid(String field, String message) implements Rejection {
    }
}
