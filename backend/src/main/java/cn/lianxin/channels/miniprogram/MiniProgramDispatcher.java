package cn.lianxin.channels.miniprogram;

import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMessage;
import cn.lianxin.cases.Case;
import cn.lianxin.notifications.ChannelDispatcher;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.notifications.Wordings;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.send.SmsTemplate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends residents' messages as WeChat subscribe messages (when the mini-program is not sandboxed): the reply
 * notice, the feedback prompt and a booked call's notices, each taking one of the resident's consents for its template. A message that
 * ends FAILED for any reason — no consent, 43101, another refusal, attempts used up — falls back to SMS if the
 * resident has a bound phone: the SMS is queued and this message's error starts "fell back to SMS", so the log
 * shows which channel delivered. Runs inside the dispatcher's transaction.
 */
@ApplicationScoped
public class MiniProgramDispatcher implements ChannelDispatcher {

    /** The data keys our templates have (chosen in the mini-program console; see the package README). */
    static final String NUMBER_KEY = "character_string1";
    static final String TEXT_KEY = "thing2";
    static final String TIME_KEY = "time3";
    /** The booking template's keys: what the call is about, when, and what happened. */
    static final String BOOKING_TOPIC_KEY = "thing1";
    static final String BOOKING_TIME_KEY = "time2";
    static final String BOOKING_NOTE_KEY = "thing3";
    private static final String NEW_TIME = "newTime";
    static final String FELL_BACK = "fell back to SMS";
    static final String PROMPT_TEXT = "请对办理结果进行评价";

    private static final int THING_MAX = 20;
    private static final int CHARACTER_STRING_MAX = 32;
    private static final int NO_CONSENT = 43101;
    /** The message itself is wrong (bad openid, template, field, page): sending it again cannot help. */
    private static final Set<Integer> PERMANENT = Set.of(40003, 40037, 41030, 47003);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final MiniProgramClient client;
    private final Subscriptions subscriptions;
    private final MiniProgramSettings settings;
    private final ZoneId zone;
    private final Wordings wordings;

    public MiniProgramDispatcher(MiniProgramClient client, Subscriptions subscriptions, MiniProgramSettings settings,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone, Wordings wordings) {
        this.client = client;
        this.wordings = wordings;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.zone = zone;
    }

    @Override
    public boolean handles(MessageChannel channel) {
        return channel == MessageChannel.MINIPROGRAM && !settings.sandbox();
    }

    @Override
    public Uni<Outcome> send(OutboundMessage message) {
        Subscriptions.Purpose purpose = switch (message.purpose) {
            case OutboundMessage.CASE_REPLY -> Subscriptions.Purpose.REPLY;
            case OutboundMessage.FEEDBACK_PROMPT -> Subscriptions.Purpose.FEEDBACK_PROMPT;
            case OutboundMessage.BOOKING_NOTICE -> Subscriptions.Purpose.BOOKING;
            default -> null;
        };
        return Resident.<Resident>findById(message.residentId).chain(resident -> {
            if (purpose == null) {
                return refused("no subscribe template for " + message.purpose);
            }
            if (resident.openid == null) {
                return refused("resident has no mini-program identity");
            }
            String template = subscriptions.templateFor(purpose);
            return subscriptions.consume(resident.id, template).chain(consented -> !consented
                    ? refused("no subscribe consent left")
                    : Case.<Case>findById(message.caseId)
                            .chain(c -> client.send(purpose == Subscriptions.Purpose.BOOKING ? bookingMessage(resident.openid, template, c, message)
                                    : subscribeMessage(resident.openid, template, purpose, c)))
                            .onFailure().call(() -> subscriptions.giveBack(resident.id, template))
                            .chain(result -> outcome(resident, template, result)));
        });
    }

    private Uni<Outcome> outcome(Resident resident, String template, MiniProgramClient.SendResult result) {
        if (result.sent()) {
            return Uni.createFrom().item(Outcome.sent(result.msgid()));
        }
        if (result.errcode() == NO_CONSENT) {
            return subscriptions.exhaust(resident.id, template).chain(() -> refused("WeChat 43101, no consent"));
        }
        String error = "WeChat errcode " + result.errcode() + ": " + result.errmsg();
        return subscriptions.giveBack(resident.id, template)
                .replaceWith(Outcome.failed(PERMANENT.contains(result.errcode()), error));
    }

    /** WeChat cannot carry this message at all; {@link #failedForGood} then tries SMS. */
    private static Uni<Outcome> refused(String why) {
        return Uni.createFrom().item(Outcome.failed(true, why));
    }

    /**
     * Whatever made the message fail for good (no consent, 43101, a permanent errcode, attempts used up), the
     * resident still gets it as an SMS when they have a bound phone. The SMS is keyed by this message's id, and
     * this runs once per message, so one failure falls back once.
     */
    @Override
    public Uni<Void> failedForGood(OutboundMessage message) {
        return Resident.<Resident>findById(message.residentId).chain(resident -> {
            if (resident == null || resident.phoneCipher == null) {
                message.lastError = message.lastError + "; no bound phone to fall back to";
                return Uni.createFrom().voidItem();
            }
            message.lastError = FELL_BACK + ": " + message.lastError;
            // Worded as the SMS channel words it (its approved template), like any message addressed to SMS from the start.
            return wordings.word(message.fallbackTo(MessageChannel.SMS)).persist().replaceWithVoid();
        });
    }

    WxMaSubscribeMessage subscribeMessage(String openid, String template, Subscriptions.Purpose purpose, Case c) {
        String text = purpose == Subscriptions.Purpose.REPLY && c.replyText != null ? c.replyText : PROMPT_TEXT;
        OffsetDateTime at = c.repliedAt != null ? c.repliedAt : OffsetDateTime.now();
        return new WxMaSubscribeMessage().setToUser(openid).setTemplateId(template)
                .setPage(settings.casePage() + "?id=" + c.id).setMiniprogramState(settings.miniprogramState()).setLang("zh_CN")
                .setData(List.of(
                        new WxMaSubscribeMessage.MsgData(NUMBER_KEY, characterString(c.number)),
                        new WxMaSubscribeMessage.MsgData(TEXT_KEY, thing(text)),
                        new WxMaSubscribeMessage.MsgData(TIME_KEY, TIME.format(at.atZoneSameInstant(zone)))));
    }

    /**
     * A booked call's reminder, cancellation or move: what it is about (the case's text is the booking's topic), when
     * (the new time of a move), and what happened; the SMS template's params carry the times already in the town's words.
     */
    WxMaSubscribeMessage bookingMessage(String openid, String template, Case c, OutboundMessage message) {
        boolean moved = message.params.containsKey(NEW_TIME);
        String note = moved ? "预约已改期，请按新时间进入"
                : message.template.equals(SmsTemplate.BOOKING_CANCELLED.name()) ? "预约已取消" : "请按时在我的预约中进入视频";
        return new WxMaSubscribeMessage().setToUser(openid).setTemplateId(template)
                .setPage(settings.bookingsPage()).setMiniprogramState(settings.miniprogramState()).setLang("zh_CN")
                .setData(List.of(
                        new WxMaSubscribeMessage.MsgData(BOOKING_TOPIC_KEY, thing(c == null ? "党代表视频接待" : c.text)),
                        new WxMaSubscribeMessage.MsgData(BOOKING_TIME_KEY, message.params.get(moved ? NEW_TIME : "time")),
                        new WxMaSubscribeMessage.MsgData(BOOKING_NOTE_KEY, thing(note))));
    }

    /** thing: at most 20 characters (code points), whitespace flattened; longer texts end in "…". */
    static String thing(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= THING_MAX) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, THING_MAX - 1)) + "…";
    }

    /** character_string: at most 32 ASCII letters, digits and symbols. */
    static String characterString(String value) {
        String ascii = value.replaceAll("[^\\x21-\\x7E]", "");
        return ascii.length() <= CHARACTER_STRING_MAX ? ascii : ascii.substring(0, CHARACTER_STRING_MAX);
    }
}
