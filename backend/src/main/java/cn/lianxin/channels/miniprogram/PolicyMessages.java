package cn.lianxin.channels.miniprogram;

import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A policy explanation (政策解读) as a WeChat subscribe message, for the broadcasts' sender, which keeps the row:
 * one of the resident's consents for the policy template is taken, the message sent, and the consent given back
 * when WeChat refused it for another reason than "no consent" (43101, which leaves none). The real outcome arrives
 * later as a subscribe_msg_sent_event naming the msgid ({@link SubscribeOutcomes}).
 */
@ApplicationScoped
public class PolicyMessages {

    /** The data keys of the policy template (chosen in the mini-program console; see the package README). */
    static final String TITLE_KEY = "thing1";
    static final String SUMMARY_KEY = "thing2";
    static final String TIME_KEY = "time3";
    private static final int NO_CONSENT = 43101;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    /** What became of one send: WeChat took it (its msgid), or it was not sent and why. */
    public record Outcome(String msgid, String refusal) {
        public boolean sent() {
            return refusal == null;
        }
    }

    /** What the message says. */
    public record Policy(UUID id, String title, String summary, OffsetDateTime publishedAt) {
    }

    private final MiniProgramClient client;
    private final Subscriptions subscriptions;
    private final MiniProgramSettings settings;
    private final ZoneId zone;

    public PolicyMessages(MiniProgramClient client, Subscriptions subscriptions, MiniProgramSettings settings,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.client = client;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.zone = zone;
    }

    /** False in the sandbox: nothing leaves the machine. */
    public boolean live() {
        return !settings.sandbox();
    }

    /** The template residents consent to for policies. */
    public String template() {
        return settings.templates().policy();
    }

    /** Takes a consent and sends; never inside the caller's transaction (the WeChat call must not hold one). */
    public Uni<Outcome> send(UUID residentId, String openid, Policy policy) {
        String template = template();
        return Panache.withTransaction(() -> subscriptions.consume(residentId, template)).chain(consented -> !consented
                ? Uni.createFrom().item(new Outcome(null, "no subscribe consent left"))
                : client.send(message(openid, template, policy))
                        // Unreachable or timed out: like a refusal, it did not use the consent up.
                        .onFailure().recoverWithItem(e -> new MiniProgramClient.SendResult(-1, "WeChat unreachable: " + e.getClass().getSimpleName(), null))
                        .chain(result -> outcome(residentId, template, result)));
    }

    private Uni<Outcome> outcome(UUID residentId, String template, MiniProgramClient.SendResult result) {
        if (result.sent()) {
            return Uni.createFrom().item(new Outcome(result.msgid(), null));
        }
        if (result.errcode() == NO_CONSENT) {
            return Panache.withTransaction(() -> subscriptions.exhaust(residentId, template)).replaceWith(new Outcome(null, "WeChat 43101, no consent"));
        }
        return Panache.withTransaction(() -> subscriptions.giveBack(residentId, template))
                .replaceWith(new Outcome(null, "WeChat errcode " + result.errcode() + ": " + result.errmsg()));
    }

    WxMaSubscribeMessage message(String openid, String template, Policy policy) {
        return new WxMaSubscribeMessage().setToUser(openid).setTemplateId(template)
                .setPage(settings.policyPage() + "?id=" + policy.id()).setMiniprogramState(settings.miniprogramState()).setLang("zh_CN")
                .setData(List.of(
                        new WxMaSubscribeMessage.MsgData(TITLE_KEY, MiniProgramDispatcher.thing(policy.title())),
                        new WxMaSubscribeMessage.MsgData(SUMMARY_KEY, MiniProgramDispatcher.thing(policy.summary())),
                        new WxMaSubscribeMessage.MsgData(TIME_KEY, TIME.format(policy.publishedAt().atZoneSameInstant(zone)))));
    }
}
