package cn.lianxin.console;

import cn.lianxin.api.Problem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The console answers errors as a person needs them; the API's problem+json stays what other callers get. A page
 * that needs a session sends the browser to the sign-in form and back; another error of a page is an error page
 * with the same status and the problem's words. An htmx request keeps the problem+json, which console.js shows
 * next to what was clicked, and is told to reload the sign-in form when its session has ended.
 */
public class ConsoleErrors {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    @ServerResponseFilter
    public void asPage(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/console") || response.getStatus() < 400 || !(response.getEntity() instanceof Problem problem)) {
            return;
        }
        boolean htmx = request.getHeaderString("HX-Request") != null;
        if (response.getStatus() == 401) {
            String signIn = SignInPage.PATH + "?next=" + URLEncoder.encode(htmx ? "/console/" : path, StandardCharsets.UTF_8);
            if (htmx) {
                response.getHeaders().putSingle("HX-Redirect", signIn);
            } else {
                response.setStatus(303);
                response.getHeaders().putSingle(HttpHeaders.LOCATION, signIn);
                response.setEntity(null);
                response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            }
            return;
        }
        if (!htmx) {
            response.setEntity(Templates.error(problem.status(), problem.title(), problem.detail()).render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }
}
