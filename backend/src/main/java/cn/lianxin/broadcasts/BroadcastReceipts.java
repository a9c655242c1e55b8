package cn.lianxin.broadcasts;

import cn.lianxin.broadcasts.domain.DeliveryStatus;
import cn.lianxin.channels.sms.BatchReceipts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** SmsReport receipts for broadcast SMS (OutId {@code bc-<batch>}): each moves its resident's row forward, never back. */
@ApplicationScoped
public class BroadcastReceipts implements BatchReceipts {

    private final Pool pool;
    private final BroadcastDeliveries deliveries;

    public BroadcastReceipts(Pool pool, BroadcastDeliveries deliveries) {
        this.pool = pool;
        this.deliveries = deliveries;
    }

    @Override
    public boolean owns(String outId) {
        return outId.startsWith(BroadcastSender.OUT_ID_PREFIX);
    }

    @Override
    public Uni<Void> apply(String bizId, byte[] phoneHash, boolean success, String errCode) {
        return pool.preparedQuery("SELECT id FROM resident WHERE phone_hash = $1").execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(phoneHash)))
                .chain(rows -> !rows.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : deliveries.advance(bizId, rows.iterator().next().getUUID(0),
                                success ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED, success ? null : "receipt " + errCode).replaceWithVoid());
    }
}
