package cn.lianxin.channels.wecom;

import cn.lianxin.cases.Case;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.notifications.ChannelDispatcher;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.notifications.OutboundMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends WeCom messages to staff when the channel is live ({@code lianxin.wecom.sandbox=false}): notices that ask
 * for action on a case (new, assigned, transferred, deadline) as a case card with buttons, everything else as
 * text. Representatives are reached by the WeCom user id in master data; the town office by the configured user
 * ids. A recipient we cannot name fails at once with the reason; WeCom's own refusals are classified below.
 */
@ApplicationScoped
public class WeComDispatcher implements ChannelDispatcher {

    /** Errors that another attempt cannot fix: no valid recipient, invalid user id, empty or oversized content. */
    private static final Set<Integer> PERMANENT = Set.of(81013, 40003, 60111, 44004, 45002);

    private final WeComClient client;
    private final WeComSettings settings;
    private final boolean sandboxed;

    public WeComDispatcher(WeComClient client, WeComSettings settings, @ConfigProperty(name = "lianxin.wecom.sandbox") boolean sandboxed) {
        this.client = client;
        this.settings = settings;
        this.sandboxed = sandboxed;
    }

    @Override
    public boolean handles(MessageChannel channel) {
        return channel == MessageChannel.WECOM && !sandboxed;
    }

    @Override
    public Uni<Outcome> send(OutboundMessage message) {
        if (!client.configured()) {
            // The operator can still fix the configuration: the message waits, like one for an unconfigured channel.
            return Uni.createFrom().item(Outcome.failed(false, "WeCom is not configured (lianxin.wecom.corp-id, agent-id, secret)"));
        }
        return recipients(message).chain(users -> {
            if (users.isEmpty()) {
                return Uni.createFrom().item(Outcome.failed(true, unreachable(message)));
            }
            return build(message, users).chain(client::send).map(result -> {
                if (result.getInvalidUserList() != null && result.getInvalidUserList().containsAll(users)) {
                    return Outcome.failed(true, "WeCom does not know the recipient's user id (invaliduser)");
                }
                return Outcome.sent(result.getMsgId());
            }).onFailure(WeComClient.WeComError.class)
                    .recoverWithItem(e -> Outcome.failed(PERMANENT.contains(((WeComClient.WeComError) e).code), e.getMessage()));
        });
    }

    private Uni<List<String>> recipients(OutboundMessage message) {
        return switch (message.recipientKind) {
            case REPRESENTATIVE -> Representative.<Representative>findById(message.representativeId)
                    .map(r -> r == null || r.wecomUserId == null ? List.<String>of() : List.of(r.wecomUserId));
            case TOWN_OFFICE -> Uni.createFrom().item(settings.townOfficeUserIds());
            case RESIDENT -> Uni.createFrom().item(List.<String>of());
        };
    }

    private static String unreachable(OutboundMessage message) {
        return switch (message.recipientKind) {
            case REPRESENTATIVE -> "representative " + message.representativeId + " has no WeCom user id in master data";
            case TOWN_OFFICE -> "no WeCom user ids for the town office (lianxin.wecom.town-office-user-ids)";
            case RESIDENT -> "WeCom reaches staff only, not residents";
        };
    }

    private Uni<WxCpMessage> build(OutboundMessage message, List<String> users) {
        if (message.caseId == null || !Cards.isCard(message.template)) {
            return Uni.createFrom().item(Cards.text(users, message.body));
        }
        return Case.<Case>findById(message.caseId).map(c -> Cards.card(users, message.template, c.number, message.body, c.id,
                message.id, settings.workbenchUrl()));
    }
}
