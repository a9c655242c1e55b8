package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.ClientAddress;
import cn.lianxin.staff.LoginThrottled;
import cn.lianxin.staff.StaffLogin;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Sign-in and sign-out. The same accounts, password check and lockout as {@code POST /api/auth/login}; the token
 * goes into the session cookie instead of the answer. The form is protected by a double-submitted random token.
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    static final String PATH = "/console/login";
    private static final String HOME = "/console/";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(String formToken, String next, String error, String username);
    }

    private final StaffLogin login;
    private final ConsoleSession session;

    private final ClientAddress clientAddress;
    private final CurrentIdentityAssociation identities;

    public SignInPage(StaffLogin login, ConsoleSession session, ClientAddress clientAddress, CurrentIdentityAssociation identities) {
        this.login = login;
        this.session = session;
        this.clientAddress = clientAddress;
        this.identities = identities;
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next) {
        String token = ConsoleSession.randomToken();
        return Response.ok(Templates.signIn(token, safeNext(next), null, "")).cookie(session.signInCookie(token)).build();
    }

    @POST
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> signIn(@FormParam("username") String username, @FormParam("password") String password,
            @FormParam("_csrf") String formToken, @FormParam("next") String next,
            @CookieParam(ConsoleSession.SIGN_IN_COOKIE) String cookieToken, HttpServerRequest request) {
        if (!ConsoleSession.sameToken(formToken, cookieToken)) {
            return Uni.createFrom().item(again(403, next, "页面已过期，请重新登录 (the form expired: sign in again).", username));
        }
        if (blank(username) || blank(password)) {
            return Uni.createFrom().item(again(400, next, "请输入用户名和密码。", username));
        }
        return login.login(username.strip(), password, clientAddress.of(request))
                .map(token -> token == null
                        ? again(401, next, "用户名或密码错误，或账号已被临时锁定。", username)
                        : Response.seeOther(URI.create(safeNext(next))).cookie(session.open(token), session.clearSignInCookie()).build())
                .onFailure(LoginThrottled.class).recoverWithItem(e -> throttled((LoginThrottled) e, next, username))
                .onFailure(ApiException.class).recoverWithItem(e -> again(401, next, "用户名或密码错误，或账号已被临时锁定。", username));
    }

    /**
     * Asked by htmx (it carries the CSRF header), which follows HX-Redirect; a redirect it would follow unseen. The
     * session's token ends too, so a copy of the cookie taken before is worth nothing; one already ended just goes.
     */
    @POST
    @Path("logout")
    public Uni<Response> signOut() {
        return identities.getDeferredIdentity().onFailure().recoverWithNull()
                .chain(identity -> identity == null || identity.isAnonymous() ? Uni.createFrom().voidItem()
                        : login.logout((JsonWebToken) identity.getPrincipal()))
                .replaceWith(() -> Response.ok().header("HX-Redirect", PATH).cookie(session.close()).build());
    }

    private Response throttled(LoginThrottled e, String next, String username) {
        return Response.fromResponse(again(e.problem().status(), next, "登录尝试太频繁，请稍后再试。", username))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    private Response again(int status, String next, String error, String username) {
        String token = ConsoleSession.randomToken();
        return Response.status(status).entity(Templates.signIn(token, safeNext(next), error, username == null ? "" : username))
                .type(MediaType.TEXT_HTML_TYPE).cookie(session.signInCookie(token)).build();
    }

    /** Only a page of the console itself: never an open redirect to another site. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/console/") && !next.startsWith("/console//") && !next.contains("\\") ? next : HOME;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
