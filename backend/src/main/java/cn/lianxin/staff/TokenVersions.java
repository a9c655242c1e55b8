package cn.lianxin.staff;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The version of a holder's sessions, which every token carries and every request is checked against
 * ({@link TokenVersionCheck}). The database holds it; Redis caches it for {@code lianxin.staff.token-version-cache}
 * so that a request costs one Redis GET, not a query. Raising it deletes the cached value, so the next request on
 * any instance reads the new one; only a request that read the old value from the database in the instant before
 * the change commits can cache it again, which bounds how long an ended token may still work to that cache period.
 * An inactive account or an unknown resident has no version at all: their tokens never match. A single staff token
 * (the one presented at logout) is ended by its id instead, kept in Redis until the token would have expired anyway;
 * the same round trip reads both.
 */
@ApplicationScoped
public class TokenVersions {

    /** Whose sessions: a staff account by username, or a resident by id. */
    public record Holder(String kind, String id) {
        public static Holder staff(String username) {
            return new Holder("staff", username);
        }

        public static Holder resident(UUID residentId) {
            return new Holder("resident", residentId.toString());
        }

        String key() {
            return "lianxin:token-version:" + kind + ":" + id;
        }
    }

    public static final String CLAIM = "tv";
    private static final long NONE = -1;
    private static final String STAFF = "SELECT token_version FROM staff_account WHERE username = $1 AND active";
    private static final String RESIDENT = "SELECT token_version FROM resident WHERE id = $1::uuid";
    private static final String BUMP_STAFF = "UPDATE staff_account SET token_version = token_version + 1 WHERE username = $1";
    private static final String BUMP_RESIDENT = "UPDATE resident SET token_version = token_version + 1 WHERE id = $1::uuid";

    private final Pool pool;
    private final ReactiveValueCommands<String, Long> values;
    private final ReactiveKeyCommands<String> keys;
    private final Duration cached;

    public TokenVersions(Pool pool, ReactiveRedisDataSource redis,
            @ConfigProperty(name = "lianxin.staff.token-version-cache") Duration cached) {
        this.pool = pool;
        this.values = redis.value(Long.class);
        this.keys = redis.key();
        this.cached = cached;
    }

    /** Whether a token of the holder's, carrying {@code claimed} and the id {@code tokenId} (null: none), still holds. */
    public Uni<Boolean> holds(Holder holder, Object claimed, String tokenId) {
        if (claimed == null) {
            return Uni.createFrom().item(false);
        }
        Uni<Map<String, Long>> cached = tokenId == null ? values.get(holder.key()).map(v -> v == null ? Map.of() : Map.of(holder.key(), v))
                : values.mget(holder.key(), ended(tokenId));
        return cached.chain(found -> {
            if (tokenId != null && found.get(ended(tokenId)) != null) {
                return Uni.createFrom().item(false);
            }
            Long version = found.get(holder.key());
            return (version == null ? current(holder) : Uni.createFrom().item(version))
                    .map(v -> v >= 0 && Long.parseLong(claimed.toString()) == v);
        });
    }

    /** Ends one token, until it would have expired; {@code expiresAt} in epoch seconds, as the token carries it. */
    public Uni<Void> endToken(String tokenId, long expiresAt) {
        long seconds = Math.max(1, expiresAt - Instant.now().getEpochSecond());
        return values.setex(ended(tokenId), seconds, 1L);
    }

    private static String ended(String tokenId) {
        return "lianxin:token-ended:" + tokenId;
    }

    /** The version a new token is issued with; -1 when the holder may not have one. */
    public Uni<Long> current(Holder holder) {
        return values.get(holder.key()).onItem().ifNull().switchTo(() -> stored(holder)
                .call(version -> values.setex(holder.key(), cached.toSeconds(), version)));
    }

    /**
     * Ends every token the holder has: raises the version on its own connection (so it holds even if the caller's
     * transaction later rolls back — which costs no more than a fresh sign-in) and forgets the cached one.
     */
    public Uni<Void> end(Holder holder) {
        return pool.preparedQuery(holder.kind().equals("staff") ? BUMP_STAFF : BUMP_RESIDENT).execute(Tuple.of(holder.id()))
                .chain(() -> keys.del(holder.key())).replaceWithVoid();
    }

    private Uni<Long> stored(Holder holder) {
        return pool.preparedQuery(holder.kind().equals("staff") ? STAFF : RESIDENT).execute(Tuple.of(holder.id())).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return NONE;
            }
            Row row = it.next();
            return (long) row.getInteger(0);
        });
    }
}
