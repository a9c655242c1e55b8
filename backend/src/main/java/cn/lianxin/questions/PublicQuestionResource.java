package cn.lianxin.questions;

import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 问答 for anyone, without signing in: published questions in their moderated words, and their published answers. */
@Path("/api/public/questions")
@PermitAll
@Tag(name = "Public")
public class PublicQuestionResource {

    private final PublicBoard board;

    public PublicQuestionResource(PublicBoard board) {
        this.board = board;
    }

    @GET
    @Operation(summary = "Published questions, newest first: text (redacted), answer (or null), daysWaiting, workstation, category")
    public Uni<Page<PublicBoard.Card>> board(@Valid @BeanParam PageRequest page) {
        return board.board(page);
    }

    @GET
    @Path("{caseId}")
    @Operation(summary = "One published question; an unpublished one is 404")
    public Uni<PublicBoard.Card> one(@PathParam("caseId") UUID caseId) {
        return board.one(caseId);
    }
}
