package cn.lianxin.rights;

import cn.lianxin.attachments.Uploads;
import cn.lianxin.staff.TokenVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Erases a resident (个人信息保护法 §47) in one transaction: their name, phone number (cipher, hash and mask),
 * openid and unionid go from their row and from the rows of identities merged into them; the SMS they texted
 * and the messages sent to them lose their text and number; their photos, subscribe consents and idempotency keys
 * are deleted. Their cases stay, with their village and category, so the figures still count them, and the
 * case's record stays as the archive needs it, without the masked number it named the resident by. The erasure
 * itself is recorded; afterwards their sessions end and the photo files are deleted from disk.
 */
@ApplicationScoped
public class ResidentErasure {

    /** Who asked: the resident in the mini-program, or the town office on an SMS resident's request. */
    public enum Via {
        MINI_PROGRAM, TOWN_OFFICE
    }

    public record Erased(UUID residentId, int cases, int photos, int messages) {
    }

    static final String GONE = "[已注销]";
    // The resident and the identities merged into them; every statement below takes their ids as $1.
    private static final String WHO = "SELECT array_agg(id) AS ids FROM resident WHERE (id = $1 OR merged_into = $1) AND erased_at IS NULL";
    // Their numbers, while the rows still hold them: the SMS rows of a number may predate the resident.
    private static final String NUMBERS = "(SELECT phone_hash FROM resident WHERE id = ANY($1) AND phone_hash IS NOT NULL)";
    // Random bytes stand in for a hash or cipher that must stay NOT NULL: nothing derived from the number.
    private static final String RANDOM = "decode(md5(random()::text || clock_timestamp()::text), 'hex')";
    private static final List<String> STATEMENTS = List.of(
            "UPDATE sms_uplink SET phone_hash = " + RANDOM + ", phone_cipher = " + RANDOM + ", phone_masked = '" + GONE
                    + "', content = '" + GONE + "' WHERE resident_id = ANY($1) OR phone_hash IN " + NUMBERS,
            "UPDATE sms_receipt SET phone_hash = " + RANDOM + ", phone_masked = '" + GONE + "' WHERE phone_hash IN " + NUMBERS,
            // The record names a resident by their masked number ("小程序 138****8000"): that goes too.
            "UPDATE cases c SET registered_by = replace(c.registered_by, r.phone_masked, '" + GONE + "') FROM resident r"
                    + " WHERE r.id = ANY($1) AND r.phone_masked IS NOT NULL AND c.resident_id = ANY($1)"
                    + " AND position(r.phone_masked in c.registered_by) > 0",
            "UPDATE case_activity a SET actor = replace(a.actor, r.phone_masked, '" + GONE + "') FROM resident r, cases c"
                    + " WHERE r.id = ANY($1) AND r.phone_masked IS NOT NULL AND c.resident_id = ANY($1) AND a.case_id = c.id"
                    + " AND position(r.phone_masked in a.actor) > 0",
            // WeChat's stored pushes (subscribe outcomes, consent changes) carry the resident's openid in their text.
            "UPDATE mp_inbound i SET payload = '" + GONE + "' FROM resident r WHERE r.id = ANY($1) AND r.openid IS NOT NULL"
                    + " AND position(r.openid in i.payload) > 0",
            "DELETE FROM mp_subscription WHERE resident_id = ANY($1)",
            "DELETE FROM mp_submission WHERE resident_id = ANY($1)");
    private static final String MESSAGES = "UPDATE outbound_message SET body = '" + GONE + "', params = NULL WHERE resident_id = ANY($1)";
    private static final String PHOTOS = "DELETE FROM upload WHERE resident_id = ANY($1) RETURNING path";
    private static final String CASES = "SELECT count(*) FROM cases WHERE resident_id = ANY($1)";
    private static final String RESIDENT = """
            UPDATE resident SET name = NULL, phone_hash = NULL, phone_cipher = NULL, phone_masked = NULL, openid = NULL,
              unionid = NULL, sms_opted_out = true, erased_at = now(), updated_at = now()
            WHERE id = ANY($1)""";
    private static final String RECORD = """
            INSERT INTO resident_erasure (resident_id, requested_via, requested_by, cases, photos, messages)
            VALUES ($1, $2, $3, $4, $5, $6)""";

    private final Pool pool;
    private final Uploads uploads;
    private final TokenVersions versions;

    public ResidentErasure(Pool pool, Uploads uploads, TokenVersions versions) {
        this.pool = pool;
        this.uploads = uploads;
        this.versions = versions;
    }

    /** Null when there is no such resident, or they were erased already. */
    public Uni<Erased> erase(UUID residentId, Via via, String requestedBy) {
        List<String> files = new ArrayList<>();
        return pool.withTransaction(connection -> connection.preparedQuery(WHO).execute(Tuple.of(residentId)).chain(rows -> {
            Row who = rows.iterator().next();
            UUID[] ids = who.getArrayOfUUIDs("ids");
            if (ids == null) {
                return Uni.createFrom().nullItem();
            }
            Tuple mine = Tuple.of(ids);
            return run(connection, mine)
                    .chain(() -> connection.preparedQuery(MESSAGES).execute(mine)).chain(messages ->
                    connection.preparedQuery(PHOTOS).execute(mine).chain(photos -> {
                        photos.forEach(row -> files.add(row.getString("path")));
                        return connection.preparedQuery(CASES).execute(mine).chain(cases -> {
                            Erased erased = new Erased(residentId, cases.iterator().next().getLong(0).intValue(), files.size(), messages.rowCount());
                            return connection.preparedQuery(RESIDENT).execute(mine)
                                    .chain(() -> connection.preparedQuery(RECORD).execute(Tuple.from(List.of(residentId, via.name(),
                                            requestedBy, erased.cases(), erased.photos(), erased.messages()))))
                                    .replaceWith(erased);
                        });
                    }));
        })).call(erased -> erased == null ? Uni.createFrom().voidItem()
                : versions.end(TokenVersions.Holder.resident(residentId)).chain(() -> uploads.deleteFiles(files)));
    }

    private static Uni<Void> run(SqlConnection connection, Tuple parameters) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String statement : STATEMENTS) {
            chain = chain.chain(() -> connection.preparedQuery(statement).execute(parameters).replaceWithVoid());
        }
        return chain;
    }
}
