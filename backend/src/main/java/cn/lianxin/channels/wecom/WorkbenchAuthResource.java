package cn.lianxin.channels.wecom;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.staff.StaffLogin;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Signs a representative into the H5 workbench through WeCom OAuth (snsapi_base): the code WeCom put on the
 * redirect becomes a user id (auth/getuserinfo), the user id a member, the member their staff token. From there
 * the workbench uses the staff API (/api/cases …) like the console, scoped like the console. The OAuth state is
 * bound to the browser that set off to WeCom (see {@link #STATE_COOKIE}).
 */
@Path("/api/wecom/oauth")
@PermitAll
@Tag(name = "WeCom channel")
public class WorkbenchAuthResource {

    /**
     * The OAuth state's nonce, also in this HttpOnly cookie of the browser that set off to WeCom: a code
     * someone else obtained (login CSRF: a link with the attacker's own code) comes without it and is refused.
     */
    static final String STATE_COOKIE = "lianxin_wecom_state";
    static final int NONCE_LENGTH = 32;
    /** Long enough to sign in at WeCom, short enough that a stale nonce does not linger. */
    private static final int STATE_SECONDS = 600;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** WeCom's answer to a code that is wrong, used or expired. */
    private static final int INVALID_CODE = 40029;

    private final WeComClient client;
    private final Members members;
    private final StaffLogin login;
    private final WeComSettings settings;

    private final boolean secureCookie;

    public WorkbenchAuthResource(WeComClient client, Members members, StaffLogin login, WeComSettings settings,
            @ConfigProperty(name = "lianxin.console.secure-cookie") boolean secureCookie) {
        this.settings = settings;
        this.secureCookie = secureCookie;
        this.client = client;
        this.members = members;
        this.login = login;
    }

    @GET
    @WithSession
    @Operation(summary = "Exchange a WeCom OAuth code (snsapi_base) for the representative's staff token")
    public Uni<StaffLogin.Token> signIn(@QueryParam("code") @NotBlank @Size(max = 512) String code,
            @QueryParam("state") @Size(max = 128) String state, @CookieParam(STATE_COOKIE) String nonce) {
        if (!boundToThisBrowser(state, nonce)) {
            // Checked before the code is spent: a code from someone else's sign-in must not sign this browser in.
            return Uni.createFrom().failure(refused("This sign-in was not started in this browser; open the workbench from WeCom again."));
        }
        return client.userOfCode(code)
                .onFailure(WeComClient.WeComError.class).transform(e -> ((WeComClient.WeComError) e).code == INVALID_CODE
                        ? new ApiException(Problem.of(401, "Unauthorized", "The WeCom code is invalid, used or expired; open the workbench from WeCom again."))
                        : e)
                .chain(user -> {
                    if (user.getUserId() == null || user.getUserId().isBlank()) {
                        // openid / external_userid: someone outside the corp.
                        throw refused("Only members of the town's WeCom can use the workbench.");
                    }
                    return members.byUserId(user.getUserId());
                })
                .chain(member -> {
                    if (member == null) {
                        throw refused("This WeCom account is not registered as a representative with a staff account.");
                    }
                    return login.issueFor(member.account());
                })
                .map(token -> {
                    if (token == null) {
                        throw refused("This representative's staff account is not active.");
                    }
                    return token;
                });
    }

    public record Authorization(String url) {
    }

    @GET
    @Path("authorize-url")
    @Operation(summary = "Where the workbench sends a member to sign in with WeCom; WeCom returns them to the workbench with a code")
    public RestResponse<Authorization> authorizationUrl(
            @QueryParam("state") @Size(max = 128 - NONCE_LENGTH) @Pattern(regexp = "[A-Za-z0-9_-]*") String state) {
        // Only ever back to our own workbench: a caller-chosen redirect would hand codes to anyone.
        String workbench = settings.workbenchUrl().orElseThrow(() -> ApiException.notFound("The workbench (lianxin.wecom.workbench-url)"));
        String nonce = nonce();
        NewCookie cookie = new NewCookie.Builder(STATE_COOKIE).value(nonce).path("/api/wecom/oauth").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX).maxAge(STATE_SECONDS).build();
        // The page's own state (the case to open) rides behind the nonce: WeCom gives the whole state back.
        return RestResponse.ResponseBuilder.ok(new Authorization(client.authorizationUrl(workbench, nonce + (state == null ? "" : state))))
                .cookie(cookie).build();
    }

    /** A fresh random nonce of exactly {@link #NONCE_LENGTH} URL-safe characters, as WeCom's state allows. */
    private static String nonce() {
        byte[] bytes = new byte[NONCE_LENGTH * 3 / 4];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The state WeCom returned starts with the nonce this browser was given when it set off to WeCom. */
    static boolean boundToThisBrowser(String state, String nonce) {
        if (state == null || nonce == null || nonce.length() != NONCE_LENGTH || state.length() < NONCE_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(state.substring(0, NONCE_LENGTH).getBytes(StandardCharsets.US_ASCII),
                nonce.getBytes(StandardCharsets.US_ASCII));
    }

    private static ApiException refused(String detail) {
        return new ApiException(Problem.of(403, "Forbidden", detail));
    }
}
