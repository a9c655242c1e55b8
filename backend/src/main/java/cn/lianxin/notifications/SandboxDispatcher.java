package cn.lianxin.notifications;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A sandboxed channel's messages end here: recorded as sent and shown at {@code /api/sandbox/messages}. Each
 * channel is sandboxed on its own ({@code lianxin.sms.sandbox}, {@code lianxin.wechat.miniapp.sandbox},
 * {@code lianxin.wecom.sandbox}, all defaulting to {@code lianxin.notifications.sandbox}), so that a town can
 * go live on one provider while the others are still being approved.
 */
@ApplicationScoped
public class SandboxDispatcher implements ChannelDispatcher {

    private final Set<MessageChannel> sandboxed = EnumSet.noneOf(MessageChannel.class);

    public SandboxDispatcher(@ConfigProperty(name = "lianxin.sms.sandbox") boolean sms,
            @ConfigProperty(name = "lianxin.wechat.miniapp.sandbox") boolean miniProgram,
            @ConfigProperty(name = "lianxin.wecom.sandbox") boolean wecom) {
        if (sms) {
            sandboxed.add(MessageChannel.SMS);
        }
        if (miniProgram) {
            sandboxed.add(MessageChannel.MINIPROGRAM);
        }
        if (wecom) {
            sandboxed.add(MessageChannel.WECOM);
        }
    }

    @Override
    public boolean handles(MessageChannel channel) {
        return sandboxed.contains(channel);
    }

    @Override
    public Uni<Outcome> send(OutboundMessage message) {
        message.sandbox = true;
        return Uni.createFrom().item(Outcome.sent("sandbox-" + message.id));
    }
}
