package cn.lianxin.channels.wecom;

import cn.lianxin.cases.Case;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.notifications.ChannelDispatcher;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.notifications.RepresentativeWeCom;
import cn.lianxin.notifications.RecipientKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends WeCom messages to staff when the channel is live ({@code lianxin.wecom.sandbox=false}): notices that ask
 * for action on a case (new, assigned, transferred, deadline) as a case card with buttons, a booked video call's
 * notices as a text card that joins its meeting, everything else as text. Representatives are reached by the WeCom user id in master data; the town office by the configured user
 * ids. A recipient we cannot name fails at once with the reason; WeCom's own refusals are classified below.
 * Representatives' messages count against WeCom's per-member limits ({@link MemberLimits}); what is over them is
 * held and later goes out together with the next admitted message as one digest.
 */
@ApplicationScoped
public class WeComDispatcher implements ChannelDispatcher {

    /** Errors that another attempt cannot fix: no valid recipient, invalid user id, empty or oversized content. */
    private static final Set<Integer> PERMANENT = Set.of(81013, 40003, 60111, 44004, 45002);
    /**
     * A representative's message over WeCom's per-member limits waits for the next digest: deferred to the next
     * minute's window without using up an attempt, however long the hour's limit holds it.
     */
    static final String HELD = "held: WeCom per-member limit reached, goes out in a digest";

    private final WeComClient client;
    private final MemberLimits limits;
    private final WeComSettings settings;
    private final boolean sandboxed;

    public WeComDispatcher(WeComClient client, MemberLimits limits, WeComSettings settings,
            @ConfigProperty(name = "lianxin.wecom.sandbox") boolean sandboxed) {
        this.client = client;
        this.limits = limits;
        this.settings = settings;
        this.sandboxed = sandboxed;
    }

    @Override
    public boolean handles(MessageChannel channel) {
        return channel == MessageChannel.WECOM && !sandboxed;
    }

    @Override
    public Uni<Outcome> send(OutboundMessage message) {
        if (message.sandbox) {
            // The answer to a message simulated in the sandbox: recorded in the outbox, never sent to WeCom.
            return Uni.createFrom().item(Outcome.sent("sandbox-" + message.id));
        }
        if (!client.configured()) {
            // The operator can still fix the configuration: the message waits, like one for an unconfigured channel.
            return Uni.createFrom().item(Outcome.failed(false, "WeCom is not configured (lianxin.wecom.corp-id, agent-id, secret)"));
        }
        return recipients(message).chain(users -> {
            if (users.isEmpty()) {
                return Uni.createFrom().item(Outcome.failed(true, unreachable(message)));
            }
            if (OutboundMessage.WECOM_CARD_UPDATE.equals(message.template)) {
                return updateCard(message, users.get(0));
            }
            if (message.recipientKind != RecipientKind.REPRESENTATIVE) {
                return deliver(build(message, users), users);
            }
            String user = users.get(0);
            return limits.admitOne(user).chain(admitted -> !admitted ? Uni.createFrom().item(Outcome.deferred(nextMinute(), HELD))
                    : held(message).chain(held -> held.isEmpty() ? deliver(build(message, users), users) : digest(message, held, user)));
        });
    }

    private static OffsetDateTime nextMinute() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    }

    private Uni<Outcome> deliver(Uni<WxCpMessage> built, List<String> users) {
        return refusals(built.chain(client::send).map(result -> {
            if (result.getInvalidUserList() != null && result.getInvalidUserList().containsAll(users)) {
                return Outcome.failed(true, "WeCom does not know the recipient's user id (invaliduser)");
            }
            return Outcome.sent(result.getMsgId());
        }));
    }

    /** A card update is not a message: WeCom replaces the tapped card's buttons and answers with no msgid. */
    private Uni<Outcome> updateCard(OutboundMessage message, String user) {
        String responseCode = message.params == null ? null : message.params.get(OutboundMessage.RESPONSE_CODE);
        if (responseCode == null) {
            return Uni.createFrom().item(Outcome.failed(true, "a card update without the tap's response_code"));
        }
        return refusals(client.updateCard(user, responseCode, message.body).replaceWith(Outcome.sent(null)));
    }

    private static Uni<Outcome> refusals(Uni<Outcome> call) {
        return call.onFailure(WeComClient.WeComError.class)
                .recoverWithItem(e -> Outcome.failed(PERMANENT.contains(((WeComClient.WeComError) e).code), e.getMessage()));
    }

    /** The member's messages held back by the limits that no other instance is sending right now. */
    @SuppressWarnings("unchecked")
    private static Uni<List<OutboundMessage>> held(OutboundMessage message) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                SELECT id FROM outbound_message WHERE representative_id = :rep AND status = 'DEFERRED' AND channel = 'WECOM'
                AND id <> :id ORDER BY created_at FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("rep", message.representativeId).setParameter("id", message.id).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<OutboundMessage>of())
                        : OutboundMessage.<OutboundMessage>list("id in ?1 order by createdAt", ids));
    }

    /** This message and the held ones as one digest; the held ones are sent with it, under its WeCom msgid. */
    private Uni<Outcome> digest(OutboundMessage message, List<OutboundMessage> held, String user) {
        List<String> bodies = new ArrayList<>(held.stream().map(m -> m.body).toList());
        bodies.add(message.body);
        return deliver(Uni.createFrom().item(Cards.digest(List.of(user), bodies, settings.workbenchUrl())), List.of(user))
                .invoke(outcome -> {
                    if (outcome.sent()) {
                        OffsetDateTime now = OffsetDateTime.now();
                        held.forEach(m -> {
                            m.status = OutboundMessage.Status.SENT;
                            m.providerMessageId = outcome.providerMessageId();
                            m.sentAt = now;
                            m.lastError = null;
                        });
                    }
                });
    }

    private Uni<List<String>> recipients(OutboundMessage message) {
        return switch (message.recipientKind) {
            case REPRESENTATIVE -> Representative.<Representative>findById(message.representativeId)
                    .map(r -> r == null || r.wecomUserId == null ? List.<String>of() : List.of(r.wecomUserId));
            case TOWN_OFFICE -> Uni.createFrom().item(settings.townOfficeUserIds());
            case WECOM_USER -> Uni.createFrom().item(message.wecomUserId == null ? List.<String>of() : List.of(message.wecomUserId));
            case RESIDENT -> Uni.createFrom().item(List.<String>of());
        };
    }

    private static String unreachable(OutboundMessage message) {
        return switch (message.recipientKind) {
            case REPRESENTATIVE -> "representative " + message.representativeId + " has no WeCom user id in master data";
            case TOWN_OFFICE -> "no WeCom user ids for the town office (lianxin.wecom.town-office-user-ids)";
            case WECOM_USER -> "no WeCom user id";
            case RESIDENT -> "WeCom reaches staff only, not residents";
        };
    }

    private Uni<WxCpMessage> build(OutboundMessage message, List<String> users) {
        if (Cards.isNotice(message.template)) {
            return Uni.createFrom().item(Cards.notice(users, message.template, message.body,
                    Optional.ofNullable(message.params == null ? null : message.params.get(OutboundMessage.JOIN_URL)), settings.workbenchUrl()));
        }
        if (RepresentativeWeCom.POLICY_TO_CARRY.equals(message.template)) {
            return Uni.createFrom().item(Cards.policy(users, message.body, settings.workbenchUrl()));
        }
        if (message.caseId == null || !Cards.isCard(message.template)) {
            return Uni.createFrom().item(Cards.text(users, message.body));
        }
        return Case.<Case>findById(message.caseId).map(c -> Cards.card(users, message.template, c.number, message.body, c.id,
                message.id, settings.workbenchUrl()));
    }
}
