package cn.lianxin.channels.wecom;

import cn.lianxin.api.ApiException;
import cn.lianxin.staff.StaffLogin;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 沙箱登录 for the H5 workbench: with WeCom sandboxed (local mode) nobody can sign in through WeCom OAuth, so a
 * newcomer picks any representative who has a staff account and gets exactly the token that representative's
 * WeCom sign-in would give ({@link StaffLogin#issueFor}, through the same {@link Members}). Anyone is whoever
 * they pick here, so it exists only where {@link WorkbenchSandbox} says so; elsewhere both paths answer 404 (and
 * outside the local and test profiles {@code /api/sandbox/…} does not exist at all, {@code sandbox.SandboxPaths}).
 */
@Path("/api/sandbox/workbench")
@PermitAll
@Tag(name = "Sandbox")
public class SandboxWorkbenchResource {

    /** More than a town's representatives: a list a newcomer can still scroll. */
    private static final int LISTED = 300;
    /**
     * Who {@link Members} would take: an active representative with an active staff account. The newest town first:
     * a town just set up (or a test's own) is where someone wants to look.
     */
    private static final String SIGNABLE = "select r.id, r.name, r.groupLeader, a.username, w.name, t.name"
            + " from StaffAccount a, Representative r, Workstation w, Town t"
            + " where a.representativeId = r.id and r.workstationId = w.id and w.townId = t.id and a.active = true and r.active = true"
            + " order by t.id desc, w.name, w.id, r.groupLeader desc, r.name, r.id";

    /** A representative one may sign in as, where they work. */
    public record Choice(long representativeId, String name, boolean groupLeader, String username, String workstation, String town) {
    }

    public record SignIn(@NotNull Long representativeId) {
    }

    private final WorkbenchSandbox sandbox;
    private final Members members;
    private final StaffLogin login;

    public SandboxWorkbenchResource(WorkbenchSandbox sandbox, Members members, StaffLogin login) {
        this.sandbox = sandbox;
        this.members = members;
        this.login = login;
    }

    @GET
    @Path("representatives")
    @WithSession
    @Operation(summary = "沙箱登录: the representatives one may sign into the workbench as (WeCom sandboxed, local mode only)")
    public Uni<List<Choice>> representatives() {
        sandbox.requireOpen();
        return Panache.getSession().chain(s -> s.createSelectionQuery(SIGNABLE, Object[].class).setMaxResults(LISTED).getResultList())
                .map(rows -> rows.stream().map(row -> new Choice((Long) row[0], (String) row[1], (Boolean) row[2], (String) row[3],
                        (String) row[4], (String) row[5])).toList());
    }

    @POST
    @Path("sign-in")
    @WithSession
    @Operation(summary = "沙箱登录: the staff token the representative's WeCom sign-in would give (WeCom sandboxed, local mode only)")
    public Uni<StaffLogin.Token> signIn(@Valid @NotNull SignIn request) {
        sandbox.requireOpen();
        return members.byRepresentativeId(request.representativeId())
                .chain(member -> member == null ? Uni.createFrom().nullItem() : login.issueFor(member.account()))
                .map(token -> {
                    if (token == null) {
                        throw ApiException.notFound("An active representative " + request.representativeId() + " with an active staff account");
                    }
                    return token;
                });
    }
}
