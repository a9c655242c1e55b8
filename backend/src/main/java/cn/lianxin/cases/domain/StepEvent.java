package cn.lianxin.cases.domain;

import java.util.List;
import java.util.UUID;

/**
 * One event per step a case takes, carrying the data its consumers need — never display text: each channel words
 * it itself. The {@link #type()} names are the contract ({@code case.replied} …), listed in {@link CaseEvents}.
 */
public sealed interface StepEvent extends CaseEvent {

    CaseStep step();

    @Override
    default UUID caseId() {
        return step().caseId();
    }

    record VillageSet(CaseStep step, long villageId, boolean routed) implements StepEvent {
        public String type() {
            return CaseEvents.VILLAGE_SET;
        }
    }

    record Assigned(CaseStep step, long representativeId) implements StepEvent {
        public String type() {
            return CaseEvents.ASSIGNED;
        }
    }

    record SignedFor(CaseStep step) implements StepEvent {
        public String type() {
            return CaseEvents.SIGNED_FOR;
        }
    }

    record HandlingChosen(CaseStep step, HandlingClass handlingClass) implements StepEvent {
        public String type() {
            return CaseEvents.HANDLING_CHOSEN;
        }
    }

    record NoteAdded(CaseStep step, String text) implements StepEvent {
        public String type() {
            return CaseEvents.NOTE_ADDED;
        }
    }

    record Escalated(CaseStep step, String request) implements StepEvent {
        public String type() {
            return CaseEvents.ESCALATED;
        }
    }

    record InstructionRecorded(CaseStep step, String instruction) implements StepEvent {
        public String type() {
            return CaseEvents.INSTRUCTION_RECORDED;
        }
    }

    record Transferred(CaseStep step, Long fromRepresentativeId, long toRepresentativeId, String reason) implements StepEvent {
        public String type() {
            return CaseEvents.TRANSFERRED;
        }
    }

    record ReturnedToDispatch(CaseStep step, Long fromRepresentativeId, String reason) implements StepEvent {
        public String type() {
            return CaseEvents.RETURNED_TO_DISPATCH;
        }
    }

    /** The answer as the resident is to receive it: the text, links to files elsewhere, and our files' ids. */
    record Replied(CaseStep step, String text, List<String> links, List<UUID> attachmentIds) implements StepEvent {
        public String type() {
            return CaseEvents.REPLIED;
        }
    }

    record FeedbackRecorded(CaseStep step, Feedback feedback, String comment) implements StepEvent {
        public String type() {
            return CaseEvents.FEEDBACK_RECORDED;
        }
    }

    /** {@code toGroupLeader}: the second 不满意 and after, the case went to the group leader (or to dispatch: none). */
    record Reopened(CaseStep step, String reason, int reopenCount, boolean toGroupLeader) implements StepEvent {
        public String type() {
            return CaseEvents.REOPENED;
        }
    }

    /** {@code toGroupLeader}: the matter was found not carried out and the case went to the group leader (or to dispatch: none). */
    record Revisited(CaseStep step, RevisitOutcome outcome, String note, boolean toGroupLeader) implements StepEvent {
        public String type() {
            return CaseEvents.REVISITED;
        }
    }

    record Archived(CaseStep step) implements StepEvent {
        public String type() {
            return CaseEvents.ARCHIVED;
        }
    }
}
