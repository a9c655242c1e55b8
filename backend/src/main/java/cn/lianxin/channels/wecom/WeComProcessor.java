package cn.lianxin.channels.wecom;

import cn.lianxin.work.WorkQueue;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Works through stored callbacks as a {@link Worker} queue: one row per transaction, claimed with SKIP LOCKED so
 * that several instances share them and each row is handled once. A failure (a lifecycle conflict with another
 * change to the case, say) rolls back the command and everything it would have sent, and is tried again; a text
 * command that fails on its last attempt tells the member why on WeCom.
 */
@Singleton
public class WeComProcessor extends WorkQueue<WeComDesk.Inbound> {

    private static final Stored STORED = new Stored("wecom-inbound", "wecom_inbound", "payload, sandbox");

    private final Members members;
    private final WeComDesk desk;

    public WeComProcessor(Worker worker, Members members, WeComDesk desk,
            @ConfigProperty(name = "lianxin.wecom.inbound-batch-size") int batchSize) {
        super(worker, STORED, batchSize);
        this.members = members;
        this.desk = desk;
    }

    @Scheduled(every = "${lianxin.wecom.inbound-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> processStored() {
        return drain();
    }

    @Override
    protected WeComDesk.Inbound item(long id, Object[] row) {
        return new WeComDesk.Inbound(id, (String) row[0], (Boolean) row[1]);
    }

    @Override
    protected Uni<Void> handle(WeComDesk.Inbound in) {
        return outcome(in).chain(outcome -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "UPDATE wecom_inbound SET outcome = :outcome WHERE id = :id")
                .setParameter("outcome", outcome).setParameter("id", in.id()).executeUpdate())).replaceWithVoid();
    }

    @Override
    protected Uni<Void> parked(WeComDesk.Inbound in, int attempts, String reason) {
        WxCpXmlMessage message = WeComMessages.parse(in.payload());
        if (!WeComMessages.TEXT.equals(message.getMsgType())) {
            // A tap's card still shows its buttons: the member can tap again, and the office sees the parked tap.
            return Uni.createFrom().voidItem();
        }
        return members.byUserId(message.getFromUserName())
                .chain(member -> member == null ? Uni.createFrom().voidItem() : desk.failed(in, message, member, attempts, reason));
    }

    private Uni<String> outcome(WeComDesk.Inbound in) {
        WxCpXmlMessage message = WeComMessages.parse(in.payload());
        boolean text = WeComMessages.TEXT.equals(message.getMsgType());
        boolean tap = WeComMessages.EVENT.equals(message.getMsgType()) && WeComMessages.CARD_TAP.equals(message.getEvent());
        if (!text && !tap) {
            return Uni.createFrom().item("ignored " + message.getMsgType() + (message.getEvent() == null ? "" : " " + message.getEvent()));
        }
        return members.byUserId(message.getFromUserName()).chain(member -> member == null ? desk.stranger(in, message)
                : text ? desk.text(in, message, member) : desk.tap(in, message, member));
    }
}
