package cn.lianxin.questions;

import cn.lianxin.api.Roles;
import cn.lianxin.staff.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The town office moderates public questions and their answers; nothing is public before it did. */
@Path("/api/questions")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Public questions")
public class QuestionResource {

    /** {@code text}: the person's edit; absent or blank, the proposed redaction is published. */
    public record PublishRequest(@Size(max = 4000) String text) {
    }

    public record PrivateRequest(@Size(max = 4000) String reason) {
    }

    public record ModerationView(UUID caseId, PublicQuestion.Moderation status, String publicText, String privateReason,
            String moderatedBy, OffsetDateTime moderatedAt, PublicQuestion.Moderation answerStatus, String answerText,
            String answerPrivateReason, String answerModeratedBy, OffsetDateTime answerModeratedAt, Boolean answeredQuestion) {
        static ModerationView of(PublicQuestion q) {
            return new ModerationView(q.caseId, q.status, q.publicText, q.privateReason, q.moderatedBy, q.moderatedAt, q.answerStatus,
                    q.answerText, q.answerPrivateReason, q.answerModeratedBy, q.answerModeratedAt, q.answeredQuestion);
        }
    }

    private final QuestionModeration moderation;
    private final SecurityIdentity identity;

    public QuestionResource(QuestionModeration moderation, SecurityIdentity identity) {
        this.moderation = moderation;
        this.identity = identity;
    }

    @GET
    @Path("moderation")
    @Operation(summary = "Questions and answers awaiting moderation, oldest first, each with the original and the proposed redaction")
    public Uni<List<QuestionModeration.Awaiting>> awaiting() {
        return moderation.awaiting();
    }

    @POST
    @Path("{caseId}/publish")
    @Operation(summary = "Publishes the question: the proposed redaction, or the edited text (refused while it shows personal data)")
    public Uni<ModerationView> publish(@PathParam("caseId") UUID caseId, @Valid PublishRequest request) {
        return moderation.publish(caseId, request == null ? null : request.text(), caller()).map(ModerationView::of);
    }

    @POST
    @Path("{caseId}/keep-private")
    @Operation(summary = "Keeps the question private (or takes it down), with the reason")
    public Uni<ModerationView> keepPrivate(@PathParam("caseId") UUID caseId, @Valid PrivateRequest request) {
        return moderation.keepPrivate(caseId, request == null ? null : request.reason(), caller()).map(ModerationView::of);
    }

    @POST
    @Path("{caseId}/answer/publish")
    @Operation(summary = "Publishes the case's reply under the public question: the proposed redaction, or the edited text")
    public Uni<ModerationView> publishAnswer(@PathParam("caseId") UUID caseId, @Valid PublishRequest request) {
        return moderation.publishAnswer(caseId, request == null ? null : request.text(), caller()).map(ModerationView::of);
    }

    @POST
    @Path("{caseId}/answer/keep-private")
    @Operation(summary = "Keeps the reply private (or takes the published answer down), with the reason")
    public Uni<ModerationView> keepAnswerPrivate(@PathParam("caseId") UUID caseId, @Valid PrivateRequest request) {
        return moderation.keepAnswerPrivate(caseId, request == null ? null : request.reason(), caller()).map(ModerationView::of);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
