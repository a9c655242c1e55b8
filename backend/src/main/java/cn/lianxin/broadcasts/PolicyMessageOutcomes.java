package cn.lianxin.broadcasts;

import cn.lianxin.broadcasts.domain.DeliveryStatus;
import cn.lianxin.channels.miniprogram.SubscribeOutcomes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * subscribe_msg_sent_event for a policy's subscribe message: its row moves forward (DELIVERED, or FAILED and then
 * the resident's SMS standing by goes while the broadcast is going out), never back.
 */
@ApplicationScoped
public class PolicyMessageOutcomes implements SubscribeOutcomes {

    private final Pool pool;
    private final BroadcastDeliveries deliveries;

    public PolicyMessageOutcomes(Pool pool, BroadcastDeliveries deliveries) {
        this.pool = pool;
        this.deliveries = deliveries;
    }

    @Override
    public Uni<Boolean> apply(String msgid, boolean delivered, String detail) {
        return deliveries.advance(msgid, null, delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.FAILED, detail)
                // Also when the row was already FAILED: a push retried after a crash still hands the resident to SMS.
                .chain(() -> delivered ? Uni.createFrom().voidItem()
                        : pool.withTransaction(tx -> deliveries.fallBackToSms(tx, "provider_message_id = $1", msgid)).replaceWithVoid())
                .chain(() -> pool.preparedQuery("SELECT 1 FROM broadcast_delivery WHERE provider_message_id = $1 AND channel = 'SUBSCRIBE'")
                        .execute(Tuple.of(msgid)).map(rows -> rows.iterator().hasNext()));
    }
}
