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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Signs a representative into the H5 workbench through WeCom OAuth (snsapi_base): the code WeCom put on the
 * redirect becomes a user id (auth/getuserinfo), the user id a member, the member their staff token. From there
 * the workbench uses the staff API (/api/cases …) like the console, scoped like the console.
 */
@Path("/api/wecom/oauth")
@PermitAll
@Tag(name = "WeCom channel")
public class WorkbenchAuthResource {

    /** WeCom's answer to a code that is wrong, used or expired. */
    private static final int INVALID_CODE = 40029;

    private final WeComClient client;
    private final Members members;
    private final StaffLogin login;
    private final WeComSettings settings;

    public WorkbenchAuthResource(WeComClient client, Members members, StaffLogin login, WeComSettings settings) {
        this.settings = settings;
        this.client = client;
        this.members = members;
        this.login = login;
    }

    @GET
    @WithSession
    @Operation(summary = "Exchange a WeCom OAuth code (snsapi_base) for the representative's staff token")
    public Uni<StaffLogin.Token> signIn(@QueryParam("code") @NotBlank @Size(max = 512) String code) {
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
    public Authorization authorizationUrl(@QueryParam("state") @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9_-]*") String state) {
        // Only ever back to our own workbench: a caller-chosen redirect would hand codes to anyone.
        String workbench = settings.workbenchUrl().orElseThrow(() -> ApiException.notFound("The workbench (lianxin.wecom.workbench-url)"));
        return new Authorization(client.authorizationUrl(workbench, state == null ? "" : state));
    }

    private static ApiException refused(String detail) {
        return new ApiException(Problem.of(403, "Forbidden", detail));
    }
}
