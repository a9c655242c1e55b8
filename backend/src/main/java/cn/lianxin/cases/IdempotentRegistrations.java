package cn.lianxin.cases;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Sha256;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Registering a case once per {@code Idempotency-Key}, for every way a case is registered with one (the
 * mini-program's submit, staff {@code POST /api/cases}): the same key from the same caller answers the first case
 * and registers no second, the same key with another request is refused (422, field {@code Idempotency-Key}). The
 * key is claimed in the registering transaction; a concurrent request with it waits on the claim until the first
 * commits (then answers its case) or rolls back (then registers itself).
 */
public final class IdempotentRegistrations {

    /** Where one kind of caller's keys are kept: the table and the column naming the caller (fixed names, never input). */
    public enum Keys {
        RESIDENT("mp_submission", "resident_id"),
        STAFF("staff_submission", "username");

        private final String table;
        private final String owner;

        Keys(String table, String owner) {
            this.table = table;
            this.owner = owner;
        }
    }

    /** The case registered under the key; {@code first} is false when an earlier request had registered it. */
    public record Registered(Case registered, boolean first) {
    }

    private IdempotentRegistrations() {
    }

    /** @throws ApiException 422 unless the key is 1 to 100 characters */
    public static void validate(String key) {
        if (key == null || key.isBlank() || key.length() > 100) {
            throw ApiException.invalidField("Idempotency-Key", "header is required (at most 100 characters), the same for every retry of one submit");
        }
    }

    /** The digest a retry's request must repeat: the request's fields, in a fixed order. */
    public static String fingerprint(Object... fields) {
        return Sha256.hex(Arrays.toString(fields));
    }

    /** In a session: the case an earlier request with this key registered, or null when none did. */
    public static Uni<Case> earlier(Keys keys, Object owner, String key, String fingerprint) {
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT case_id, fingerprint FROM " + keys.table
                        + " WHERE " + keys.owner + " = :owner AND idempotency_key = :key", Object[].class)
                        .setParameter("owner", owner).setParameter("key", key).getSingleResultOrNull())
                .chain(row -> {
                    if (row == null || row[0] == null) {
                        return Uni.createFrom().<Case>nullItem();
                    }
                    if (row[1] != null && !Objects.equals(row[1], fingerprint)) {
                        throw ApiException.invalidField("Idempotency-Key", "was used for a different request; a new request needs a new key");
                    }
                    return Case.<Case>findById(row[0]);
                });
    }

    /** In a transaction: claims the key, then registers with {@code register} — or answers the case a concurrent request registered. */
    public static Uni<Registered> register(Keys keys, Object owner, String key, String fingerprint, Supplier<Uni<Case>> register) {
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO " + keys.table + " (" + keys.owner
                        + ", idempotency_key, fingerprint, created_at) VALUES (:owner, :key, :fingerprint, now()) ON CONFLICT DO NOTHING")
                .setParameter("owner", owner).setParameter("key", key).setParameter("fingerprint", fingerprint).executeUpdate())
                .chain(inserted -> {
                    if (inserted == 0) {
                        return earlier(keys, owner, key, fingerprint).map(c -> new Registered(c, false));
                    }
                    return register.get().call(c -> Panache.getSession().chain(s -> s.createNativeQuery("UPDATE " + keys.table
                                    + " SET case_id = :case WHERE " + keys.owner + " = :owner AND idempotency_key = :key")
                                    .setParameter("case", c.id).setParameter("owner", owner).setParameter("key", key).executeUpdate()))
                            .map(c -> new Registered(c, true));
                });
    }
}
