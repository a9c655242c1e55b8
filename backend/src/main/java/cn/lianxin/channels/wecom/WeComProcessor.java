package cn.lianxin.channels.wecom;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Works through stored callbacks one row per transaction, claimed with SKIP LOCKED so that several instances
 * share them and each row is handled once. A row whose handling fails is closed with the reason (it would fail
 * the same way again), and the member is not left guessing: the failure is in the row's outcome for staff.
 */
@ApplicationScoped
public class WeComProcessor {

    private static final Logger LOG = Logger.getLogger(WeComProcessor.class);

    private final Members members;
    private final WeComDesk desk;
    private final int batchSize;

    public WeComProcessor(Members members, WeComDesk desk,
            @ConfigProperty(name = "lianxin.wecom.inbound-batch-size") int batchSize) {
        this.members = members;
        this.desk = desk;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${lianxin.wecom.inbound-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> processStored() {
        return next(batchSize);
    }

    private Uni<Void> next(int remaining) {
        if (remaining == 0) {
            return Uni.createFrom().voidItem();
        }
        AtomicReference<WeComDesk.Inbound> claimed = new AtomicReference<>();
        return Panache.withTransaction(() -> claim().chain(in -> {
                    claimed.set(in);
                    return in == null ? Uni.createFrom().item(false) : handle(in).chain(outcome -> close(in.id(), outcome)).replaceWith(true);
                }))
                .onFailure().recoverWithUni(e -> {
                    WeComDesk.Inbound in = claimed.get();
                    if (in == null) {
                        LOG.warnf("WeCom inbound round failed, the messages stay stored: %s", e.getMessage());
                        return Uni.createFrom().item(false);
                    }
                    LOG.warnf("WeCom inbound %d failed: %s", in.id(), e.getMessage());
                    return Panache.withTransaction(() -> close(in.id(), "failed: " + e.getMessage())).replaceWith(true);
                })
                .onFailure().recoverWithItem(false)
                .chain(more -> more ? next(remaining - 1) : Uni.createFrom().voidItem());
    }

    private Uni<WeComDesk.Inbound> claim() {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                SELECT id, payload, sandbox FROM wecom_inbound WHERE processed_at IS NULL
                ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""", Object[].class).getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new WeComDesk.Inbound(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1], (Boolean) rows.get(0)[2]));
    }

    private Uni<String> handle(WeComDesk.Inbound in) {
        WxCpXmlMessage message = WeComMessages.parse(in.payload());
        boolean text = WeComMessages.TEXT.equals(message.getMsgType());
        boolean tap = WeComMessages.EVENT.equals(message.getMsgType()) && WeComMessages.CARD_TAP.equals(message.getEvent());
        if (!text && !tap) {
            return Uni.createFrom().item("ignored " + message.getMsgType() + (message.getEvent() == null ? "" : " " + message.getEvent()));
        }
        return members.byUserId(message.getFromUserName()).chain(member -> member == null ? desk.stranger(in, message)
                : text ? desk.text(in, message, member) : desk.tap(in, message, member));
    }

    private static Uni<Void> close(long id, String outcome) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE wecom_inbound SET processed_at = now(), outcome = :outcome WHERE id = :id")
                .setParameter("outcome", outcome).setParameter("id", id).executeUpdate()).replaceWithVoid();
    }
}
