package cn.lianxin.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Answers to htmx requests that need more than a rendered fragment: a status, or another place to swap it into. */
final class Fragments {

    private Fragments() {
    }

    static Response ok(TemplateInstance fragment) {
        return html(Response.ok(), fragment);
    }

    /**
     * A form re-rendered with its errors (422, which console.js swaps in), into {@code target} instead of where the
     * request aimed its success (the whole card).
     */
    static Response invalid(String target, String swap, TemplateInstance form) {
        return html(Response.status(422).header("HX-Retarget", target).header("HX-Reswap", swap), form);
    }

    private static Response html(Response.ResponseBuilder response, TemplateInstance fragment) {
        // Rendered here: a Response's entity is written as it is, and these fragments need no data loaded while rendering.
        return response.entity(fragment.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
