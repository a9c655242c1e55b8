package cn.lianxin.staff;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The lockout's count, kept by single SQL statements so that concurrent sign-ins cannot overshoot it. A password
 * is verified only after {@link #claim} has counted the attempt as a failure — while the account is not locked and
 * fewer than the limit are counted in the current window — so at most that many guesses are ever checked before
 * the lock. The row lock each UPDATE takes makes concurrent claims queue, and PostgreSQL re-checks the WHERE on
 * the row a concurrent claim left behind. A success only gives back its own claim: it neither resets the others
 * nor lifts a lock, so a correct password inside a burst of guesses does not hand the guesser a fresh count.
 */
@ApplicationScoped
public class LoginAttempts {

    /** The account an attempt was counted against: its id and stored hash. */
    public record Claim(long accountId, String passwordHash) {
    }

    private static final Logger LOG = Logger.getLogger(LoginAttempts.class);
    // The window is current when no lock has ended since it began and it is younger than the lockout period;
    // otherwise the count starts again at this attempt. $1 username, $2 limit, $3 window in ms.
    private static final String CURRENT = "locked_until IS NULL AND failures_since > now() - $3::bigint * interval '1 millisecond'";
    private static final String CLAIM = """
            UPDATE staff_account SET
              failed_logins = CASE WHEN %1$s THEN failed_logins + 1 ELSE 1 END,
              failures_since = CASE WHEN %1$s THEN failures_since ELSE now() END,
              locked_until = NULL
            WHERE username = $1 AND active AND (locked_until IS NULL OR locked_until <= now())
              AND NOT (%1$s AND failed_logins >= $2)
            RETURNING id, password_hash""".formatted(CURRENT);
    // A counted failure that fills the window locks the account; $2 limit, $3 lockout in ms.
    private static final String LOCK = """
            UPDATE staff_account SET locked_until = now() + $3::bigint * interval '1 millisecond'
            WHERE id = $1 AND locked_until IS NULL AND failed_logins >= $2 RETURNING username""";
    private static final String GIVE_BACK = "UPDATE staff_account SET failed_logins = failed_logins - 1 WHERE id = $1 AND failed_logins > 0";

    private final Pool pool;
    private final int maxFailures;
    private final Duration lockout;

    public LoginAttempts(Pool pool, @ConfigProperty(name = "lianxin.staff.max-failed-logins") int maxFailures,
            @ConfigProperty(name = "lianxin.staff.lockout") Duration lockout) {
        this.pool = pool;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** Counts an attempt as a failure before its password is checked; null when it may not be checked at all. */
    public Uni<Claim> claim(String username) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(username, maxFailures, lockout.toMillis()))
                .map(rows -> {
                    Row row = first(rows);
                    return row == null ? null : new Claim(row.getLong("id"), row.getString("password_hash"));
                });
    }

    /** The password was wrong: the claimed failure stands, and locks the account if it filled the window. */
    public Uni<Void> failed(Claim claim) {
        return pool.preparedQuery(LOCK).execute(Tuple.of(claim.accountId(), maxFailures, lockout.toMillis())).invoke(rows -> {
            Row row = first(rows);
            if (row != null) {
                LOG.warnf("Staff account %s locked for %s after %d failed logins", row.getString("username"), lockout, maxFailures);
            }
        }).replaceWithVoid();
    }

    /** The password was right (or never checked): only this attempt's count is taken back. */
    public Uni<Void> giveBack(Claim claim) {
        return pool.preparedQuery(GIVE_BACK).execute(Tuple.of(claim.accountId())).replaceWithVoid();
    }

    private static Row first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? it.next() : null;
    }
}
