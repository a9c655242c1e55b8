package cn.lianxin.channels.wecom;

import cn.lianxin.api.ApiException;
import cn.lianxin.sandbox.SandboxGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the workbench's sandbox sign-in exists: only while WeCom itself is sandboxed ({@code lianxin.wecom.sandbox},
 * the local profile of ./infra/run), and only where simulations may be at all ({@link SandboxGuard}: the local and
 * test profiles). A sandboxed WeCom cannot sign anyone in by OAuth, so a newcomer picks a representative instead;
 * with WeCom live, the only way in is WeCom's. Its own bean, so that a test can open the gate for one test method
 * without a second Quarkus profile.
 */
@ApplicationScoped
public class WorkbenchSandbox {

    private final boolean open;

    @Inject
    WorkbenchSandbox(@ConfigProperty(name = "lianxin.wecom.sandbox") boolean wecomSandboxed, SandboxGuard guard) {
        this.open = wecomSandboxed && guard.simulationsAllowed();
    }

    public boolean open() {
        return open;
    }

    /** The sandbox sign-in's paths do not exist outside it: 404, like every other simulation's. */
    void requireOpen() {
        if (!open()) {
            throw ApiException.notFound("This path (the workbench's sandbox sign-in exists only while WeCom is sandboxed, in local mode)");
        }
    }
}
