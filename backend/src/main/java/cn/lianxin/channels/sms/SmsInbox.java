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
 * twice) into no new rows. Processing reads the rows later, so answering Aliyun never waits for it. Text is
 * cleaned on the way in ({@link #clean}): one message with a NUL byte must not make PostgreSQL refuse the batch,
 * and with it every other resident's message.
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
            return Tuple.tuple(List.of(clean(up.sequenceId()), bytes(phone.hash()), bytes(phone.cipher()), phone.masked(), clean(up.content()),
                    up.sendTime(), clean(up.destCode())));
        }).toList();
        return insert("""
                INSERT INTO sms_uplink (sequence_id, phone_hash, phone_cipher, phone_masked, content, sent_at, dest_code)
                VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sequence_id) DO NOTHING""", rows);
    }

    public Uni<Void> storeReceipts(List<SmsReport> batch) {
        List<Tuple> rows = batch.stream().map(r -> Tuple.tuple(List.of(clean(r.bizId()), bytes(phones.hash(r.phone())), r.phone().masked(),
                r.success(), clean(r.errCode()), clean(r.errMsg()), clean(r.outId().orElse("")), r.sendTime(), r.reportTime(), r.smsSize())))
                .toList();
        return insert("""
                INSERT INTO sms_receipt (biz_id, phone_hash, phone_masked, success, err_code, err_msg, out_id, sent_at, reported_at, sms_size)
                VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, ''), $8, $9, $10) ON CONFLICT DO NOTHING""", rows);
    }

    /**
     * Text PostgreSQL can store and a person can read: NUL and the other control characters a phone never types
     * are dropped (line breaks and tabs stay), and a lone UTF-16 surrogate — what is left of invalid UTF-8 or a
     * broken escape in the JSON — becomes U+FFFD.
     */
    static String clean(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append('\uFFFD');
            } else if (!Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t') {
                clean.append(c);
            }
        }
        return clean.toString();
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
