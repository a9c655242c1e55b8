package cn.lianxin.sandbox;

import io.quarkus.runtime.Startup;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * Where the sandbox may be. Its simulations — the {@code /api/sandbox/…} endpoints and the mini-program's sandbox
 * sign-in, where anyone is whoever they name — exist only in the local and test profiles. Any other profile is a
 * real deployment: it refuses to start with a sandbox flag on unless {@code lianxin.sandbox.acknowledged=true}
 * says someone meant it (an installation that must not message real people), and even then the simulations stay
 * off. A flag left on by mistake thus stops the start instead of opening the town's cases to anyone.
 */
@Startup
@ApplicationScoped
public class SandboxGuard {

    static final Set<String> SIMULATION_PROFILES = Set.of("local", "test");
    /** Every key that turns a channel's sandbox on; {@code lianxin.notifications.sandbox} is LIANXIN_SANDBOX. */
    static final List<String> FLAGS = List.of("lianxin.notifications.sandbox", "lianxin.sms.sandbox", "lianxin.wechat.miniapp.sandbox",
            "lianxin.wecom.sandbox");
    static final String ACKNOWLEDGED = "lianxin.sandbox.acknowledged";

    private final boolean simulations;

    @Inject
    SandboxGuard(Config config) {
        this(config.unwrap(SmallRyeConfig.class).getProfiles(),
                FLAGS.stream().filter(flag -> config.getOptionalValue(flag, Boolean.class).orElse(false)).toList(),
                config.getOptionalValue(ACKNOWLEDGED, Boolean.class).orElse(false));
    }

    /** @throws IllegalStateException outside the local and test profiles, with a flag on and no acknowledgement */
    public SandboxGuard(List<String> profiles, List<String> flagsOn, boolean acknowledged) {
        this.simulations = profiles.stream().anyMatch(SIMULATION_PROFILES::contains);
        if (!simulations && !flagsOn.isEmpty() && !acknowledged) {
            throw new IllegalStateException(String.join(", ", flagsOn) + " is on in profile " + String.join(",", profiles)
                    + ": the sandbox belongs to the local and test profiles. Turn it off (LIANXIN_SANDBOX, LIANXIN_SMS_SANDBOX,"
                    + " LIANXIN_WECHAT_SANDBOX, LIANXIN_WECOM_SANDBOX), or set " + ACKNOWLEDGED + "=true"
                    + " (LIANXIN_SANDBOX_ACKNOWLEDGED) if this installation is meant to keep its messages in the sandbox outbox;"
                    + " its simulation endpoints and sandbox sign-in stay off even then.");
        }
    }

    /** Whether the simulations (sandbox endpoints, sandbox sign-in) exist here. */
    public boolean simulationsAllowed() {
        return simulations;
    }
}
