package cn.lianxin.staff;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.masterdata.Workstation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signs staff in: checks the password, locks the account for a while after repeated failures, and issues a
 * short-lived signed token that carries the role, workstation and representative the API scopes by.
 */
@ApplicationScoped
public class StaffLogin {

    public record Token(String token, Instant expiresAt, StaffRole role) {
    }

    /** Failures answer exactly alike, so that nobody learns which usernames exist or are locked. */
    private static final ApiException REFUSED = new ApiException(Problem.of(401, "Unauthorized",
            "用户名或密码错误，或账号已被临时锁定 (wrong username or password, or the account is locked for a while)."));

    private final PasswordHasher hasher;
    private final Vertx vertx;
    private final String issuer;
    private final Duration lifetime;
    private final LoginAttempts attempts;
    private final LoginLimits limits;
    private final HashingPool hashing;
    private final TokenVersions versions;
    // Verified against when an attempt may not be checked (unknown, inactive or locked account), so that every
    // refusal takes as long as a wrong password.
    private final CompletableFuture<String> decoy = new CompletableFuture<>();

    public StaffLogin(PasswordHasher hasher, Vertx vertx, LoginAttempts attempts, LoginLimits limits, HashingPool hashing,
            TokenVersions versions, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "lianxin.staff.token-lifetime") Duration lifetime) {
        this.hasher = hasher;
        this.vertx = vertx;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.attempts = attempts;
        this.limits = limits;
        this.hashing = hashing;
        this.versions = versions;
    }

    /** The decoy costs as much as a real hash (seconds at 600 000 iterations): made on a worker at startup. */
    void makeDecoy(@Observes StartupEvent startup) {
        vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash("decoy-password-never-matches")))
                .subscribe().with(decoy::complete, decoy::completeExceptionally);
    }

    /**
     * The token, or null when refused: wrong password, unknown, inactive or locked account alike. Too many attempts
     * from {@code address} or for {@code username}, or a full hashing pool, fail with {@link LoginThrottled} before
     * any hashing.
     */
    public Uni<Token> login(String username, String password, String address) {
        return limits.take(address, username)
                .chain(() -> attempts.claim(username))
                .chain(claim -> verify(password, claim).chain(matches -> settle(claim, matches)))
                .call(token -> token == null ? Uni.createFrom().voidItem() : limits.giveBack(address, username));
    }

    private Uni<Boolean> verify(String password, LoginAttempts.Claim claim) {
        // An attempt that may not be checked is verified against the decoy (which never matches), so that it takes
        // as long. One the pool has no room for was never checked: its count is given back.
        return hashing.run(() -> hasher.matches(password, claim == null ? decoy.join() : claim.passwordHash()) && claim != null)
                .onFailure(LoginThrottled.class).call(() -> claim == null ? Uni.createFrom().voidItem() : attempts.giveBack(claim));
    }

    private Uni<Token> settle(LoginAttempts.Claim claim, boolean matches) {
        if (claim == null) {
            return Uni.createFrom().nullItem();
        }
        if (!matches) {
            return attempts.failed(claim).replaceWith((Token) null);
        }
        return attempts.giveBack(claim)
                .chain(() -> Panache.withSession(() -> StaffAccount.<StaffAccount>findById(claim.accountId()).chain(this::issue)));
    }

    /**
     * A token for an account whose holder proved who they are some other way (WeCom OAuth): the same token a
     * password sign-in gives, so the holder is scoped exactly as in the console. Inactive accounts get nothing.
     */
    public Uni<Token> issueFor(StaffAccount account) {
        return account != null && account.active ? issue(account) : Uni.createFrom().nullItem();
    }

    private Uni<Token> issue(StaffAccount account) {
        if (account == null) {
            return Uni.createFrom().nullItem();
        }
        Uni<Long> town = account.workstationId == null ? Uni.createFrom().nullItem()
                : Workstation.<Workstation>findById(account.workstationId).map(w -> w.townId);
        return town.chain(townId -> versions.current(TokenVersions.Holder.staff(account.username))
                .map(version -> version < 0 ? null : token(account, townId, version)));
    }

    /** Ends the token presented, by its id; the account's other sessions (the console, the workbench) go on. */
    public Uni<Void> logout(JsonWebToken token) {
        return versions.endToken(token.getTokenID(), token.getExpirationTime());
    }

    private Token token(StaffAccount account, Long townId, long version) {
        Instant expiresAt = Instant.now().plus(lifetime);
        var claims = Jwt.issuer(issuer).upn(account.username).subject(account.username)
                .groups(Set.of(account.role.name())).claim(TokenVersions.CLAIM, version)
                .claim(Claims.jti.name(), UUID.randomUUID().toString()).expiresAt(expiresAt);
        if (account.workstationId != null) {
            claims.claim(Caller.WORKSTATION_CLAIM, account.workstationId);
        }
        if (account.representativeId != null) {
            claims.claim(Caller.REPRESENTATIVE_CLAIM, account.representativeId);
        }
        if (townId != null) {
            claims.claim(Caller.TOWN_CLAIM, townId);
        }
        return new Token(claims.sign(), expiresAt, account.role);
    }

    /** Raises the refusal for the API; the console shows its own page instead. */
    public static Token orRefuse(Token token) {
        if (token == null) {
            throw REFUSED;
        }
        return token;
    }
}
