package cn.lianxin.sandbox;

import cn.lianxin.api.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Outside the local and test profiles no {@code /api/sandbox/…} path exists (404, before sign-in is even asked
 * for): one place for every sandbox endpoint, whichever context it lives in.
 */
public class SandboxPaths {

    private final SandboxGuard guard;

    public SandboxPaths(SandboxGuard guard) {
        this.guard = guard;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseOutsideTheSandbox(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (guard.simulationsAllowed() || !(path.equals("/api/sandbox") || path.startsWith("/api/sandbox/"))) {
            return null;
        }
        return Response.status(404).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(404, "Not found", "This path does not exist: the sandbox exists only in the local and test profiles."))
                .build();
    }
}
