package cn.lianxin.notifications;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * In sandbox mode every channel ends here: the message is recorded as sent and shown at
 * {@code /api/sandbox/messages}, which is how the system talks before any provider is configured.
 */
@ApplicationScoped
public class SandboxDispatcher implements ChannelDispatcher {

    private final boolean enabled;

    public SandboxDispatcher(@ConfigProperty(name = "lianxin.notifications.sandbox") boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean handles(MessageChannel channel) {
        return enabled;
    }

    @Override
    public Uni<Outcome> send(OutboundMessage message) {
        message.sandbox = true;
        return Uni.createFrom().item(Outcome.sent("sandbox-" + message.id));
    }
}
