package cn.lianxin.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means "can take and store a concern": the application's own (reactive) pool reaches a PostgreSQL that
 * accepts writes. A standby after a failover answers SELECT but refuses the insert, so it is asked. Kafka is not
 * asked (the outbox holds events while it is away) and neither is the JDBC pool, which only Flyway uses at start.
 * Redis, which the submit and login limits need, has Quarkus's own readiness check.
 */
@Readiness
@ApplicationScoped
public class IntakeReadiness implements AsyncHealthCheck {

    static final String NAME = "Concern storage (PostgreSQL accepts writes)";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Pool pool;

    public IntakeReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT pg_is_in_recovery()").execute()
                .map(rows -> rows.iterator().next().getBoolean(0))
                .map(standby -> HealthCheckResponse.named(NAME).status(!standby).withData("standby", standby).build())
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(NAME).down()
                        .withData("error", String.valueOf(e.getMessage())).build());
    }
}
