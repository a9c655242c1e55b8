package cn.lianxin.console;

import cn.lianxin.api.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses every state-changing request that a session cookie would authenticate unless it carries the session's
 * CSRF token in {@value ConsoleSession#CSRF_HEADER}: a page of another site can make the browser send the cookie,
 * never read the token. Callers with a bearer token and no cookie are not exposed and are not asked. The sign-in
 * form, which comes before any session, checks its own token ({@link SignInPage}).
 */
public class CsrfCheck {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ConsoleSession session;

    public CsrfCheck(ConsoleSession session) {
        this.session = session;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> check(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(ConsoleSession.COOKIE);
        if (SAFE.contains(request.getMethod()) || cookie == null || cookie.getValue().isEmpty()
                || request.getUriInfo().getPath().equals(SignInPage.PATH)) {
            return Optional.empty();
        }
        if (session.csrfMatches(cookie.getValue(), request.getHeaderString(ConsoleSession.CSRF_HEADER))) {
            return Optional.empty();
        }
        Problem problem = Problem.of(403, "Forbidden", "请求缺少有效的防伪令牌，请刷新页面后重试 (missing or wrong CSRF token: reload the page).");
        return Optional.of(Response.status(403).type(MediaType.valueOf(Problem.MEDIA_TYPE)).entity(problem).build());
    }
}
