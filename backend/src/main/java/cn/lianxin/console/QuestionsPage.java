package cn.lianxin.console;

import cn.lianxin.api.Roles;
import cn.lianxin.questions.PublicQuestion;
import cn.lianxin.questions.QuestionModeration;
import cn.lianxin.questions.QuestionModeration.Part;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * 问答审核: the questions asked in public and the replies to published ones, each with the redaction proposed and the
 * personal data it found highlighted. The town office publishes it as proposed or edited, or keeps it private with a
 * reason — {@link QuestionModeration}, as {@code /api/questions} does. A refused edit or a missing reason comes back at
 * its field (422).
 */
@Path("/console/questions")
@RolesAllowed(Roles.TOWN_OFFICE)
@Produces(MediaType.TEXT_HTML)
public class QuestionsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(Frame frame, List<QuestionModeration.Awaiting> items);

        static native TemplateInstance forms(QuestionModeration.Awaiting item, String text, String textError, String reason,
                String reasonError);

        static native TemplateInstance moderated(String number, Part part, PublicQuestion.Moderation outcome, String reason);
    }

    private final QuestionModeration moderation;
    private final Frame.Frames frames;

    public QuestionsPage(QuestionModeration moderation, Frame.Frames frames) {
        this.moderation = moderation;
        this.frames = frames;
    }

    @GET
    public Uni<TemplateInstance> queue() {
        Frame frame = frames.of("questions");
        return moderation.awaiting().map(items -> Templates.queue(frame, items));
    }

    /** 公开: the proposal, or the edit in the form. */
    @POST
    @Path("{id}/{part}/publish")
    public Uni<Response> publish(@PathParam("id") UUID id, @PathParam("part") Part part, @FormParam("text") String text,
            @FormParam("number") String number) {
        // Deferred: a refusal thrown before the Uni exists comes back at the field like the others.
        Uni<PublicQuestion> done = Uni.createFrom().deferred(() -> part == Part.QUESTION ? moderation.publish(id, text, frames.caller())
                : moderation.publishAnswer(id, text, frames.caller()));
        return done.map(q -> Fragments.ok(Templates.moderated(number, part, PublicQuestion.Moderation.PUBLISHED, null)))
                .onFailure(e -> FieldProblems.of(e).isPresent())
                .recoverWithUni(e -> invalid(id, part, text, FieldProblems.of(e).get(), null, null));
    }

    /** 不公开, with the reason. */
    @POST
    @Path("{id}/{part}/keep-private")
    public Uni<Response> keepPrivate(@PathParam("id") UUID id, @PathParam("part") Part part, @FormParam("reason") String reason,
            @FormParam("number") String number) {
        Uni<PublicQuestion> done = Uni.createFrom().deferred(() -> part == Part.QUESTION ? moderation.keepPrivate(id, reason, frames.caller())
                : moderation.keepAnswerPrivate(id, reason, frames.caller()));
        return done.map(q -> Fragments.ok(Templates.moderated(number, part, PublicQuestion.Moderation.KEPT_PRIVATE, reason.strip())))
                .onFailure(e -> FieldProblems.of(e).isPresent())
                .recoverWithUni(e -> invalid(id, part, null, null, reason, FieldProblems.of(e).get()));
    }

    /** The item's forms again, with what was typed and the words at the field at fault. */
    private Uni<Response> invalid(UUID id, Part part, String text, String textError, String reason, String reasonError) {
        return moderation.awaiting().map(items -> items.stream().filter(i -> i.caseId().equals(id) && i.part() == part).findFirst()
                .map(item -> Fragments.invalid("#forms-" + id, "outerHTML",
                        Templates.forms(item, text == null ? item.proposedText() : text, textError, reason, reasonError)))
                .orElseGet(() -> Response.status(409).build()));
    }
}
