package cn.lianxin.channels.sms;

import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.inbound.SmsReport;
import cn.lianxin.sms.inbound.SmsUp;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Stores pushed batches in one transaction each; the unique keys turn a repeated push (Aliyun retries, or pushes
 * twice) into no new rows. Processing reads the rows later, so answering Aliyun never waits for it.
 */
@ApplicationScoped
public class SmsInbox {

    private final Pool pool;
    private final PhoneVault phones;

    public SmsInbox(Pool pool, PhoneVault phones) {
        this.pool = pool;
        this.phones = phones;
    }

    public Uni<Void> storeUplinks(List<SmsUp> batch) {
        List<Tuple> rows = batch.stream().map(up -> {
            PhoneVault.Sealed phone = phones.seal(up.phone());
            return Tuple.tuple(List.of(up.sequenceId(), bytes(phone.hash()), bytes(phone.cipher()), phone.masked(), up.content(), up.sendTime(),
                    up.destCode()));
        }).toList();
        return insert("""
                INSERT INTO sms_uplink (sequence_id, phone_hash, phone_cipher, phone_masked, content, sent_at, dest_code)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sequence_id) DO NOTHING""", rows);
    }

    public Uni<Void> storeReceipts(List<SmsReport> batch) {
        List<Tuple> rows = batch.stream().map(r -> Tuple.tuple(List.of(r.bizId(), bytes(phones.hash(r.phone())), r.phone().masked(),
                r.success(), r.errCode(), r.errMsg(), r.outId().orElse(""), r.sendTime(), r.reportTime(), r.smsSize()))).toList();
        return insert("""
                INSERT INTO sms_receipt (biz_id, phone_hash, phone_masked, success, err_code, err_msg, out_id, sent_at, reported_at, sms_size)
                VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), $8, $9, $10) ON CONFLICT DO NOTHING""", rows);
    }

    /** bytea travels as a Vert.x buffer. */
    private static Buffer bytes(byte[] value) {
        return Buffer.buffer(value);
    }

    private Uni<Void> insert(String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(conn -> conn.preparedQuery(sql).executeBatch(rows)).replaceWithVoid();
    }
}
