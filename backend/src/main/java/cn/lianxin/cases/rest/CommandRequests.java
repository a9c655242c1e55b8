package cn.lianxin.cases.rest;

import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.cases.domain.RevisitOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * What each command's request carries and how it becomes the command: the one mapping that the API's command
 * endpoints ({@link CaseCommandResource}) and the console's case page (whose forms carry the same fields, bound to
 * the same records and checked by the same constraints) both use.
 */
public final class CommandRequests {

    public record AssignRequest(@NotNull Long representativeId) {
    }

    public record VillageRequest(@NotNull Long villageId) {
    }

    public record HandlingRequest(@NotNull HandlingClass handlingClass) {
    }

    public record TextRequest(@NotBlank @Size(max = 2000) String text) {
    }

    /**
     * The answer, with up to 9 attachments given as links to files kept elsewhere, and up to 9 files the caller
     * uploaded with {@code POST /api/attachments} (ownership and reuse are checked by the lifecycle).
     */
    public record ReplyRequest(@NotBlank @Size(max = 2000) String text,
            @Size(max = 9) List<@NotBlank @Pattern(regexp = "https?://\\S{1,500}", message = "must be an http(s) link") String> attachments,
            @Size(max = 9) List<@NotNull UUID> attachmentIds) {
    }

    public record TransferRequest(@NotNull Long representativeId, @NotBlank @Size(max = 500) String reason) {
    }

    /** 回访: what it found and the resident's words (or why they could not be reached). */
    public record RevisitRequest(@NotNull RevisitOutcome outcome, @NotBlank @Size(max = 2000) String text) {
    }

    public record FeedbackRequest(@NotNull Feedback feedback, @Size(max = 500) String comment) {
    }

    /** A command's request type ({@code Void}: the command carries nothing) and how a request becomes the command. */
    public record Route<R>(CommandKind kind, Class<R> body, Function<R, CaseCommand> command) {
        public CaseCommand of(R request) {
            return command.apply(request);
        }

        /** For a request bound without its static type (a form): it must be of {@link #body}. */
        public CaseCommand ofBound(Object request) {
            return command.apply(body.cast(request));
        }
    }

    public static final Route<VillageRequest> SET_VILLAGE = new Route<>(CommandKind.SET_VILLAGE, VillageRequest.class,
            r -> new CaseCommand.SetVillage(r.villageId()));
    public static final Route<AssignRequest> ASSIGN = new Route<>(CommandKind.ASSIGN, AssignRequest.class,
            r -> new CaseCommand.Assign(r.representativeId()));
    public static final Route<Void> SIGN_FOR = new Route<>(CommandKind.SIGN_FOR, Void.class, r -> new CaseCommand.SignFor());
    public static final Route<HandlingRequest> CHOOSE_HANDLING = new Route<>(CommandKind.CHOOSE_HANDLING, HandlingRequest.class,
            r -> new CaseCommand.ChooseHandling(r.handlingClass()));
    public static final Route<TextRequest> ADD_NOTE = new Route<>(CommandKind.ADD_NOTE, TextRequest.class,
            r -> new CaseCommand.AddNote(r.text()));
    public static final Route<TextRequest> ESCALATE = new Route<>(CommandKind.ESCALATE, TextRequest.class,
            r -> new CaseCommand.Escalate(r.text()));
    public static final Route<TextRequest> RECORD_INSTRUCTION = new Route<>(CommandKind.RECORD_INSTRUCTION, TextRequest.class,
            r -> new CaseCommand.RecordInstruction(r.text()));
    public static final Route<TransferRequest> TRANSFER = new Route<>(CommandKind.TRANSFER, TransferRequest.class,
            r -> new CaseCommand.Transfer(r.representativeId(), r.reason()));
    public static final Route<TextRequest> RETURN_TO_DISPATCH = new Route<>(CommandKind.RETURN_TO_DISPATCH, TextRequest.class,
            r -> new CaseCommand.ReturnToDispatch(r.text()));
    public static final Route<ReplyRequest> REPLY = new Route<>(CommandKind.REPLY, ReplyRequest.class,
            r -> new CaseCommand.Reply(r.text(), r.attachments(), r.attachmentIds()));
    public static final Route<FeedbackRequest> RECORD_FEEDBACK = new Route<>(CommandKind.RECORD_FEEDBACK, FeedbackRequest.class,
            r -> new CaseCommand.RecordFeedback(r.feedback(), r.comment()));
    public static final Route<TextRequest> REOPEN = new Route<>(CommandKind.REOPEN, TextRequest.class,
            r -> new CaseCommand.Reopen(r.text()));
    public static final Route<RevisitRequest> REVISIT = new Route<>(CommandKind.REVISIT, RevisitRequest.class,
            r -> new CaseCommand.Revisit(r.outcome(), r.text()));
    public static final Route<Void> ARCHIVE = new Route<>(CommandKind.ARCHIVE, Void.class, r -> new CaseCommand.Archive());

    private static final Map<CommandKind, Route<?>> BY_KIND = new EnumMap<>(CommandKind.class);

    static {
        for (Route<?> route : List.of(SET_VILLAGE, ASSIGN, SIGN_FOR, CHOOSE_HANDLING, ADD_NOTE, ESCALATE, RECORD_INSTRUCTION,
                TRANSFER, RETURN_TO_DISPATCH, REPLY, RECORD_FEEDBACK, REOPEN, REVISIT, ARCHIVE)) {
            BY_KIND.put(route.kind(), route);
        }
    }

    private CommandRequests() {
    }

    public static Route<?> of(CommandKind kind) {
        return BY_KIND.get(kind);
    }
}
