package cn.lianxin.channels.sms;

import cn.lianxin.notifications.ChannelDispatcher;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.send.SendResult;
import cn.lianxin.sms.send.SmsTemplate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Sends residents' SMS through Aliyun when the SMS channel is live ({@code lianxin.sms.sandbox=false}): the
 * message's approved template with the parameters stored on it, to the number sealed on the resident, OutId = our
 * message id. Our per-number limits come first ({@link SmsLimits}); a full window holds the message, it is not an
 * attempt. Aliyun's answer maps to the pipeline's outcome:
 * <ul>
 * <li>{@code Sent} → SENT, its BizId kept as the provider's message id (receipts then say DELIVERED or FAILED);</li>
 * <li>a permanent rejection (illegal number, template error, blacklist …) → FAILED with the code, no retry;</li>
 * <li>a transient one (throttled, busy) → tried again with the dispatcher's backoff;</li>
 * <li>{@code Unknown} (timeout, transport error) → UNKNOWN, never resent blindly: {@link SmsReconciler} settles it.</li>
 * </ul>
 */
@ApplicationScoped
public class SmsDispatcher implements ChannelDispatcher {

    private static final Logger LOG = Logger.getLogger(SmsDispatcher.class);
    static final String FELL_BACK = "fell back to the mini-program";
    private static final Set<String> MINIPROGRAM_CARRIES = Set.of(OutboundMessage.CASE_REPLY, OutboundMessage.FEEDBACK_PROMPT);

    private final AliyunSms aliyun;
    private final SmsLimits limits;
    private final PhoneVault vault;

    public SmsDispatcher(AliyunSms aliyun, SmsLimits limits, PhoneVault vault) {
        this.aliyun = aliyun;
        this.limits = limits;
        this.vault = vault;
    }

    @Override
    public boolean handles(MessageChannel channel) {
        return channel == MessageChannel.SMS && aliyun.live();
    }

    @Override
    public Uni<Outcome> send(OutboundMessage message) {
        if (message.residentId == null || message.params == null) {
            return Uni.createFrom().item(Outcome.failed(true, "not an SMS to a resident with template parameters"));
        }
        SmsTemplate template;
        try {
            template = SmsTexts.templateOf(message);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Outcome.failed(true, "no approved SMS template " + message.template));
        }
        return Resident.<Resident>findById(message.residentId).chain(resident -> {
            if (resident == null || resident.phoneCipher == null) {
                return Uni.createFrom().item(Outcome.failed(true, "the resident has no phone number on record"));
            }
            PhoneNumber to = vault.open(resident.phoneCipher);
            return limits.take(to, template).chain(held -> {
                if (held.isPresent()) {
                    LOG.infof("SMS %s to %s held by our per-number limit until %s", message.id, to.masked(), held.get());
                    return Uni.createFrom().item(Outcome.deferred(held.get(), "per-number limit: waits until " + held.get()));
                }
                return aliyun.send(to, template, message.params, message.id.toString()).map(SmsDispatcher::outcome);
            });
        });
    }

    private static Outcome outcome(SendResult result) {
        if (result instanceof SendResult.Sent sent) {
            return Outcome.sent(sent.bizId());
        }
        if (result instanceof SendResult.Rejected rejected) {
            return Outcome.failed(rejected.permanent(), rejected.code() + ": " + rejected.message());
        }
        return Outcome.unknown("outcome unknown, reconciling before any resend: " + ((SendResult.Unknown) result).reason());
    }

    /**
     * An SMS the operator could not deliver (its receipt said so) or that failed for good reaches the resident in
     * the mini-program instead, when they use it and the message is one the mini-program carries (the reply and
     * the feedback prompt). A message that is itself a fallback falls back no further.
     */
    @Override
    public Uni<Void> failedForGood(OutboundMessage message) {
        if (message.residentId == null || !MINIPROGRAM_CARRIES.contains(message.purpose)) {
            return Uni.createFrom().voidItem();
        }
        return OutboundMessage.count("id", message.sourceEventId).chain(fallbacks -> fallbacks > 0 ? Uni.createFrom().voidItem()
                : Resident.<Resident>findById(message.residentId).chain(resident -> {
                    if (resident == null || resident.openid == null) {
                        return Uni.createFrom().voidItem();
                    }
                    message.lastError = FELL_BACK + ": " + message.lastError;
                    return message.fallbackTo(MessageChannel.MINIPROGRAM).persist().replaceWithVoid();
                }));
    }
}
