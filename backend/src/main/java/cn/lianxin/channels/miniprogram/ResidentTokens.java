package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.api.Roles;
import cn.lianxin.api.Sha256;
import cn.lianxin.staff.TokenVersions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A resident's session: a short-lived token signed like the staff's (same key, role RESIDENT, so the staff
 * endpoints refuse it and the resident endpoints refuse staff tokens) and a long-lived refresh token. Only the
 * refresh token's SHA-256 is kept, in Redis with its lifetime; using it replaces it (rotation), logout deletes it
 * and ends the access tokens too (their session version is raised).
 */
@ApplicationScoped
public class ResidentTokens {

    public record Issued(String token, Instant expiresAt, String refreshToken) {
    }

    private static final String KEY = "lianxin:mp:refresh:";
    private static final ApiException EXPIRED = new ApiException(Problem.of(401, "Unauthorized",
            "登录已过期，请重新登录 (the session has expired; sign in again)."));

    private final SecureRandom random = new SecureRandom();
    private final ReactiveValueCommands<String, String> values;
    private final MiniProgramSettings settings;
    private final String issuer;
    private final TokenVersions versions;

    public ResidentTokens(ReactiveRedisDataSource redis, MiniProgramSettings settings, TokenVersions versions,
            @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.values = redis.value(String.class);
        this.settings = settings;
        this.versions = versions;
        this.issuer = issuer;
    }

    public Uni<Issued> issue(UUID residentId) {
        return versions.current(TokenVersions.Holder.resident(residentId)).chain(version -> {
            Instant expiresAt = Instant.now().plus(settings.tokenLifetime());
            String token = Jwt.issuer(issuer).subject(residentId.toString()).upn("resident:" + residentId)
                    .groups(Set.of(Roles.RESIDENT)).claim(TokenVersions.CLAIM, version).expiresAt(expiresAt).sign();
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            return values.setex(key(refresh), settings.refreshLifetime().toSeconds(), residentId.toString())
                    .replaceWith(new Issued(token, expiresAt, refresh));
        });
    }

    /** Ends the resident's access tokens, the one presented at logout among them (they carry the version it raises). */
    public Uni<Void> endAccessTokens(UUID residentId) {
        return versions.end(TokenVersions.Holder.resident(residentId));
    }

    /** The resident the refresh token belongs to; the token is used up (one use each), else 401. */
    public Uni<UUID> redeem(String refreshToken) {
        return values.getdel(key(refreshToken)).map(resident -> {
            if (resident == null) {
                throw EXPIRED;
            }
            return UUID.fromString(resident);
        });
    }

    /** Deletes the refresh token if it is this resident's; someone else's is left alone. */
    public Uni<Void> revoke(String refreshToken, UUID residentId) {
        String key = key(refreshToken);
        return values.get(key).chain(owner -> residentId.toString().equals(owner)
                ? values.getdel(key).replaceWithVoid() : Uni.createFrom().voidItem());
    }

    static ApiException expired() {
        return EXPIRED;
    }

    private static String key(String refreshToken) {
        return KEY + Sha256.hex(refreshToken);
    }
}
