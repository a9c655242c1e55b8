package cn.lianxin.channels.sms;

import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.work.WorkQueue;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Applies stored delivery receipts to the messages they report on (matched by OutId, our message id): a
 * delivered SMS becomes DELIVERED, a failed one FAILED with the operator's code. A receipt never moves a
 * message backwards (a late "failed" after "delivered" is kept for the record only). A receipt also settles a
 * message whose send had an unknown outcome (UNKNOWN): Aliyun did send it. A {@link Worker} queue: one receipt
 * per transaction.
 */
@Singleton
public class ReceiptProcessor extends WorkQueue<ReceiptProcessor.Receipt> {

    private static final Stored STORED = new Stored("sms-receipt", "sms_receipt", "out_id, biz_id, success, err_code, phone_hash");

    /** A stored receipt; {@code outId} is null when Aliyun sent none. */
    record Receipt(long id, String outId, String bizId, boolean success, String errCode, byte[] phoneHash) {
    }

    /** The OutId we send is the message's id. */
    private static final Pattern OUR_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SmsDispatcher sms;
    private final BatchReceipts batches;

    public ReceiptProcessor(Worker worker, SmsDispatcher sms, BatchReceipts batches,
            @ConfigProperty(name = "lianxin.sms.uplink-batch-size") int batchSize) {
        super(worker, STORED, batchSize);
        this.sms = sms;
        this.batches = batches;
    }

    @Scheduled(every = "${lianxin.sms.uplink-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> applyStored() {
        return drain();
    }

    @Override
    protected Receipt item(long id, Object[] row) {
        return new Receipt(id, (String) row[0], (String) row[1], (Boolean) row[2], (String) row[3], (byte[]) row[4]);
    }

    @Override
    protected Uni<Void> handle(Receipt receipt) {
        if (receipt.outId() != null && batches.owns(receipt.outId())) {
            return batches.apply(receipt.bizId(), receipt.phoneHash(), receipt.success(), receipt.errCode());
        }
        if (receipt.outId() == null || !OUR_ID.matcher(receipt.outId()).matches()) {
            // Not one of our messages (sent from Aliyun's console, say): kept for the record only.
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                UPDATE outbound_message
                SET status = CASE WHEN :success THEN 'DELIVERED' ELSE 'FAILED' END,
                    last_error = CASE WHEN :success THEN NULL ELSE 'receipt ' || :errCode END,
                    provider_message_id = coalesce(provider_message_id, :bizId)
                WHERE id = :id AND channel = 'SMS' AND status IN ('SENT', 'UNKNOWN')""")
                .setParameter("success", receipt.success()).setParameter("errCode", receipt.errCode()).setParameter("bizId", receipt.bizId())
                .setParameter("id", UUID.fromString(receipt.outId())).executeUpdate())
                .chain(changed -> changed == 0 ? Uni.createFrom().voidItem() : settled(UUID.fromString(receipt.outId()), receipt));
    }

    /**
     * The receipt changed the message: the case's record says whether the resident got it, and a failed one
     * falls back exactly as a send that failed for good does.
     */
    private Uni<Void> settled(UUID messageId, Receipt receipt) {
        // Read after the UPDATE, in this item's own session: the message as the receipt left it.
        return OutboundMessage.<OutboundMessage>findById(messageId).chain(message -> (message.caseId == null
                ? Uni.createFrom().voidItem() : recordOnCase(message, receipt))
                .chain(() -> receipt.success() ? Uni.createFrom().voidItem() : sms.failedForGood(message)));
    }

    private static Uni<Void> recordOnCase(OutboundMessage message, Receipt receipt) {
        return Case.<Case>findById(message.caseId).chain(c -> {
            CaseActivity line = new CaseActivity();
            line.caseId = c.id;
            line.at = OffsetDateTime.now();
            line.actor = "system";
            line.action = receipt.success() ? "SMS_DELIVERED" : "SMS_FAILED";
            line.channel = Channel.SMS;
            line.fromState = c.state;
            line.toState = c.state;
            line.detail = receipt.success() ? "短信已送达居民（" + message.template + "）"
                    : "短信未送达居民（" + message.template + "，运营商回执 " + receipt.errCode() + "）";
            return line.persist().replaceWithVoid();
        });
    }
}
