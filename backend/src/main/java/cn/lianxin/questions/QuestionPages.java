package cn.lianxin.questions;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * The 问答 board and each question as plain server-rendered pages, for a link shared in a village group chat and opened
 * in WeChat's browser: no script, no sign-in, the title and description a link card shows. The same published cards
 * as {@code /api/public/questions}, so nothing unmoderated and nothing personal can appear here either.
 */
@Path("/public/questions")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class QuestionPages {

    /** A link card's description is cut about here; longer ones only cost bytes. */
    static final int DESCRIPTION = 80;
    static final int TITLE = 30;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(Page<PublicBoard.Card> board, String description, boolean more);

        static native TemplateInstance question(PublicBoard.Card card, String title, String description);

        static native TemplateInstance missing();
    }

    private final PublicBoard board;

    public QuestionPages(PublicBoard board) {
        this.board = board;
    }

    @GET
    public Uni<TemplateInstance> board(@Valid @BeanParam PageRequest page) {
        return board.board(page).map(cards -> Templates.board(cards, "居民在小程序提问，党代表公开答复。已公开 " + cards.total() + " 个问题。",
                (long) (cards.page() + 1) * cards.size() < cards.total()));
    }

    @GET
    @Path("{caseId}")
    public Uni<Response> question(@PathParam("caseId") UUID caseId) {
        return board.one(caseId)
                .map(card -> html(Response.ok(), Templates.question(card, "问答：" + cut(card.text(), TITLE), description(card))))
                .onFailure(e -> e instanceof ApiException a && a.problem().status() == 404)
                .recoverWithItem(() -> html(Response.status(404), Templates.missing()));
    }

    /** Rendered here, as the console's fragments are: a Response's entity is written as it is. */
    private static Response html(Response.ResponseBuilder response, TemplateInstance page) {
        return response.entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    private static String description(PublicBoard.Card card) {
        String where = card.workstationName() == null ? "" : card.workstationName() + "：";
        return card.answered() ? where + "已答复。" + cut(card.answer(), DESCRIPTION)
                : where + "等待答复第 " + card.daysWaiting() + " 天。" + cut(card.text(), DESCRIPTION);
    }

    private static String cut(String text, int length) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= length ? flat : flat.substring(0, flat.offsetByCodePoints(0, length)) + "…";
    }
}
