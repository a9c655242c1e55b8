package cn.lianxin.channels.sms;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies stored delivery receipts to the messages they report on (matched by OutId, our message id): a
 * delivered SMS becomes DELIVERED, a failed one FAILED with the operator's code. A receipt never moves a
 * message backwards (a late "failed" after "delivered" is kept for the record only). A receipt also settles a
 * message whose send had an unknown outcome (UNKNOWN): Aliyun did send it.
 */
@ApplicationScoped
public class ReceiptProcessor {

    private static final Logger LOG = Logger.getLogger(ReceiptProcessor.class);

    private static final String APPLY = """
            WITH claimed AS (
                SELECT id, out_id, biz_id, success, err_code FROM sms_receipt WHERE processed_at IS NULL
                ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
            ), applied AS (
                UPDATE outbound_message m
                SET status = CASE WHEN c.success THEN 'DELIVERED' ELSE 'FAILED' END,
                    last_error = CASE WHEN c.success THEN NULL ELSE 'receipt ' || c.err_code END,
                    provider_message_id = coalesce(m.provider_message_id, c.biz_id)
                FROM claimed c
                WHERE c.out_id ~ '^[0-9a-f-]{36}$' AND m.id = c.out_id::uuid AND m.channel = 'SMS' AND m.status IN ('SENT', 'UNKNOWN')
                RETURNING m.id
            )
            UPDATE sms_receipt r SET processed_at = now() FROM claimed c WHERE r.id = c.id""";

    private final Pool pool;
    private final int batchSize;

    public ReceiptProcessor(Pool pool, @ConfigProperty(name = "lianxin.sms.uplink-batch-size") int batchSize) {
        this.pool = pool;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${lianxin.sms.uplink-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> applyStored() {
        return pool.withTransaction(conn -> conn.preparedQuery(APPLY).execute(Tuple.of(batchSize))).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Receipt round failed, the receipts stay stored: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }
}
