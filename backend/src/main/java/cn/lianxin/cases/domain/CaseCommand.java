package cn.lianxin.cases.domain;

import java.util.List;
import java.util.UUID;

/**
 * What can be asked of a case: one record per command, carrying exactly what that command needs. Whether it may
 * be given now, and by whom, is {@link Transitions#refusal}; what it does is {@link CaseLifecycle}.
 */
public sealed interface CaseCommand {

    CommandKind kind();

    /** 补登村庄: the village of a case that arrived without one (an SMS); an unplaced case is routed then. */
    record SetVillage(long villageId) implements CaseCommand {
        public CommandKind kind() {
            return CommandKind.SET_VILLAGE;
        }
    }

    /** 分派: a case from the dispatch queue goes to a representative. */
    record Assign(long representativeId) implements CaseCommand {
        public CommandKind kind() {
            return CommandKind.ASSIGN;
        }
    }

    /** 签收 (登记 → 接待). */
    record SignFor() implements CaseCommand {
        public CommandKind kind() {
            return CommandKind.SIGN_FOR;
        }
    }

    /** 当场办 / 请示办 / 限时办 (接待 → 处理). */
    record ChooseHandling(HandlingClass handlingClass) implements CaseCommand {
        public ChooseHandling {
            Required.value(handlingClass, "handlingClass");
        }

        public CommandKind kind() {
            return CommandKind.CHOOSE_HANDLING;
        }
    }

    /** 办理进展: a progress note on the record. */
    record AddNote(String text) implements CaseCommand {
        public AddNote {
            text = Required.text(text, "text");
        }

        public CommandKind kind() {
            return CommandKind.ADD_NOTE;
        }
    }

    /** 请示: the case waits for the town committee's instruction; no reply until it is recorded. */
    record Escalate(String request) implements CaseCommand {
        public Escalate {
            request = Required.text(request, "text");
        }

        public CommandKind kind() {
            return CommandKind.ESCALATE;
        }
    }

    /** 批示: the instruction an escalation waited for. */
    record RecordInstruction(String instruction) implements CaseCommand {
        public RecordInstruction {
            instruction = Required.text(instruction, "text");
        }

        public CommandKind kind() {
            return CommandKind.RECORD_INSTRUCTION;
        }
    }

    /** 转办: to another representative, who signs for it anew. */
    record Transfer(long toRepresentativeId, String reason) implements CaseCommand {
        public Transfer {
            reason = Required.text(reason, "reason");
        }

        public CommandKind kind() {
            return CommandKind.TRANSFER;
        }
    }

    /** 退回: back to the dispatch queue. */
    record ReturnToDispatch(String reason) implements CaseCommand {
        public ReturnToDispatch {
            reason = Required.text(reason, "text");
        }

        public CommandKind kind() {
            return CommandKind.RETURN_TO_DISPATCH;
        }
    }

    /**
     * 回复 (处理 → 回复): the answer, with links to files kept elsewhere and the ids of files the caller uploaded
     * here ({@code attachments.Uploads}).
     */
    record Reply(String text, List<String> links, List<UUID> attachmentIds) implements CaseCommand {
        public Reply {
            text = Required.text(text, "text");
            links = links == null ? List.of() : List.copyOf(links);
            attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
        }

        public Reply(String text) {
            this(text, List.of(), List.of());
        }

        public CommandKind kind() {
            return CommandKind.REPLY;
        }
    }

    /** 反馈 (回复 → 反馈): the resident's verdict (满意 / 基本满意 / 不满意), with an optional comment. */
    record RecordFeedback(Feedback feedback, String comment) implements CaseCommand {
        public RecordFeedback {
            Required.value(feedback, "feedback");
            comment = comment == null || comment.isBlank() ? null : comment.strip();
        }

        public CommandKind kind() {
            return CommandKind.RECORD_FEEDBACK;
        }
    }

    /** 重新办理 after 不满意: once with the representative, after that with the group leader. */
    record Reopen(String reason) implements CaseCommand {
        public Reopen {
            reason = Required.text(reason, "text");
        }

        public CommandKind kind() {
            return CommandKind.REOPEN;
        }
    }

    /**
     * 回访: a follow-up visit or call and what it found (事事有落实); counts as asking for feedback. A matter found not
     * carried out reopens the case with the group leader ({@link Transitions#target}).
     */
    record Revisit(RevisitOutcome outcome, String note) implements CaseCommand {
        public Revisit {
            Required.value(outcome, "outcome");
            note = Required.text(note, "text");
        }

        public CommandKind kind() {
            return CommandKind.REVISIT;
        }
    }

    /** 归档: closes the case, with its whole record. */
    record Archive() implements CaseCommand {
        public CommandKind kind() {
            return CommandKind.ARCHIVE;
        }
    }

    /** What a command cannot be without: refused as the field at fault. */
    final class Required {
        private Required() {
        }

        static void value(Object value, String field) {
            if (value == null) {
                throw new CaseRejected(new Rejection.Invalid(field, "is required for this command"));
            }
        }

        static String text(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new CaseRejected(new Rejection.Invalid(field, "is required for this command"));
            }
            return value.strip();
        }
    }
}
