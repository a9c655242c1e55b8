package cn.lianxin.channels.miniprogram;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.binarywang.wx.miniapp.bean.WxMaSubscribeMsgEvent;
import cn.lianxin.channels.miniprogram.MiniProgramSettings.Push.Format;
import cn.lianxin.channels.miniprogram.Subscriptions.Source;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.residents.Resident;
import cn.lianxin.work.WorkQueue;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Works through stored pushes as a {@link Worker} queue, one per transaction: the real outcome of a subscribe message
 * (subscribe_msg_sent_event) moves the message forward, never back; popup and 服务通知 answers change the resident's
 * consents ({@link Subscriptions}); WeChat's verdict on a resident's photo (wxa_media_check) hides a risky one from staff. A push the queue cannot apply yet — a sent event whose message has not been marked
 * sent by the dispatcher, say — is tried again with backoff and parked for the office after the last attempt.
 */
@Singleton
public class PushProcessor extends WorkQueue<PushProcessor.Stored> {

    private static final WorkQueue.Stored QUEUE = new WorkQueue.Stored("mp-push", "mp_inbound", "format, payload");
    private static final String SUCCESS = "0";

    record Stored(long id, Format format, String payload) {
    }

    private final Subscriptions subscriptions;
    private final MiniProgramDispatcher dispatcher;
    private final Uploads uploads;
    private final SubscribeOutcomes others;

    public PushProcessor(Worker worker, Subscriptions subscriptions, MiniProgramDispatcher dispatcher, Uploads uploads,
            MiniProgramSettings settings, SubscribeOutcomes others) {
        super(worker, QUEUE, settings.push().batchSize());
        this.uploads = uploads;
        this.others = others;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
    }

    @Scheduled(every = "${lianxin.wechat.miniapp.push.interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> processStored() {
        return runOnce().replaceWithVoid();
    }

    @Override
    protected Stored item(long id, Object[] row) {
        return new Stored(id, Format.valueOf((String) row[0]), (String) row[1]);
    }

    @Override
    protected Uni<Void> handle(Stored push) {
        WxMaMessage message = PushMessages.parse(push.format(), push.payload());
        Uni<String> outcome = switch (message.getEvent() == null ? "" : message.getEvent()) {
            case PushMessages.SENT -> sent(message);
            case PushMessages.POPUP -> consents(message, Source.WECHAT_POPUP, popups(message));
            case PushMessages.CHANGE -> consents(message, Source.WECHAT_SETTINGS, changes(message));
            case PushMessages.MEDIA_CHECK -> mediaChecked(message);
            default -> Uni.createFrom().item("ignored " + message.getMsgType() + (message.getEvent() == null ? "" : " " + message.getEvent()));
        };
        return outcome.chain(text -> Panache.getSession().chain(s -> s.createNativeQuery("UPDATE mp_inbound SET outcome = :outcome WHERE id = :id")
                .setParameter("outcome", text).setParameter("id", push.id()).executeUpdate())).replaceWithVoid();
    }

    /**
     * The message WeChat's msgid names goes from SENT (or UNKNOWN) to DELIVERED, or to FAILED — and then, like any
     * subscribe message that failed for good, to the resident's SMS. A message already DELIVERED or FAILED stays so.
     * A msgid no outbound message has may be a policy's ({@link SubscribeOutcomes}).
     */
    private Uni<String> sent(WxMaMessage message) {
        WxMaSubscribeMsgEvent.SentEvent sent = message.getSubscribeMsgSentEvent() == null ? null : message.getSubscribeMsgSentEvent().getList();
        if (sent == null || sent.getMsgId() == null) {
            return Uni.createFrom().item("sent event without MsgID");
        }
        boolean delivered = SUCCESS.equals(sent.getErrorCode());
        String error = "WeChat delivery " + sent.getErrorCode() + " " + sent.getErrorStatus();
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE outbound_message
                        SET status = CASE WHEN :delivered THEN 'DELIVERED' ELSE 'FAILED' END,
                            last_error = CASE WHEN :delivered THEN NULL ELSE :error END
                        WHERE channel = 'MINIPROGRAM' AND provider_message_id = :msgid AND status IN ('SENT', 'UNKNOWN')
                        RETURNING id""", UUID.class)
                        .setParameter("delivered", delivered).setParameter("msgid", sent.getMsgId())
                        .setParameter("error", error).getResultList())
                .chain(changed -> changed.isEmpty() ? others.apply(sent.getMsgId(), delivered, delivered ? null : error)
                                .chain(known -> known ? Uni.createFrom().item((delivered ? "delivered " : "failed ") + "policy message " + sent.getMsgId())
                                        : unchanged(sent.getMsgId()))
                        : OutboundMessage.<OutboundMessage>findById(changed.get(0))
                                .chain(m -> delivered ? Uni.createFrom().voidItem() : dispatcher.failedForGood(m))
                                .replaceWith((delivered ? "delivered " : "failed ") + changed.get(0)));
    }

    /** Already final (a late or repeated outcome): kept for the record. Not known yet: the dispatcher may still be committing it. */
    private static Uni<String> unchanged(String msgid) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT status FROM outbound_message WHERE channel = 'MINIPROGRAM' AND provider_message_id = :msgid", String.class)
                .setParameter("msgid", msgid).getResultList())
                .map(status -> {
                    if (status.isEmpty()) {
                        throw new IllegalStateException("no subscribe message with WeChat msgid " + msgid + " (yet)");
                    }
                    return "already " + status.get(0);
                });
    }

    /**
     * WeChat's verdict on a resident's photo: a risky one is hidden from staff until the town office looks at it. A
     * trace_id no photo has yet is tried again (the check's transaction may still be committing), then parked.
     */
    private Uni<String> mediaChecked(WxMaMessage message) {
        if (message.getTraceId() == null || message.getResult() == null) {
            return Uni.createFrom().item("media check without trace_id or result");
        }
        String suggest = message.getResult().getSuggest();
        return uploads.mediaChecked(message.getTraceId(), suggest, message.getResult().getLabel()).map(found -> {
            if (!found) {
                throw new IllegalStateException("no photo with WeChat trace_id " + message.getTraceId() + " (yet)");
            }
            return "photo " + suggest + ("risky".equals(suggest) ? ", hidden from staff" : "");
        });
    }

    private record Answer(String template, String answer, String scene) {
    }

    private static List<Answer> popups(WxMaMessage message) {
        return message.getSubscribeMsgPopupEvent() == null || message.getSubscribeMsgPopupEvent().getList() == null ? List.of()
                : message.getSubscribeMsgPopupEvent().getList().stream()
                        .map(p -> new Answer(p.getTemplateId(), p.getSubscribeStatusString(), p.getPopupScene())).toList();
    }

    private static List<Answer> changes(WxMaMessage message) {
        return message.getSubscribeMsgChangeEvent() == null || message.getSubscribeMsgChangeEvent().getList() == null ? List.of()
                : message.getSubscribeMsgChangeEvent().getList().stream()
                        .map(c -> new Answer(c.getTemplateId(), c.getSubscribeStatusString(), null)).toList();
    }

    /** The answers of the resident whose openid sent them, at the push's time; an openid we do not know is ignored. */
    private Uni<String> consents(WxMaMessage message, Source source, List<Answer> answers) {
        OffsetDateTime at = message.getCreateTime() == null ? OffsetDateTime.now()
                : Instant.ofEpochSecond(message.getCreateTime()).atOffset(ZoneOffset.UTC);
        return Resident.<Resident>find("openid", message.getFromUser()).firstResult().chain(resident -> resident == null
                ? Uni.createFrom().item("no resident with this openid")
                : Multi.createFrom().iterable(answers).onItem()
                        .transformToUniAndConcatenate(a -> subscriptions.answeredOnWechat(resident.id, a.template(), a.answer(), source, a.scene(), at))
                        .collect().asList()
                        .map(recorded -> recorded.stream().filter(Boolean::booleanValue).count() + " of " + answers.size() + " answers recorded"));
    }
}
