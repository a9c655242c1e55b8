package cn.lianxin.events;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Unwell while the relay is stuck: the oldest event still to publish (parked ones aside) is older than
 * {@code lianxin.outbox.stuck-after} — Kafka away, or the relay failing. Residents' acknowledgements and every
 * notice wait behind it, so monitoring must see it; but it is not readiness, because every instance shares the one
 * outbox and still takes and stores concerns: a load balancer dropping them all would lose submissions, not save them.
 */
@Wellness
@ApplicationScoped
public class OutboxWellness implements AsyncHealthCheck {

    static final String NAME = "Outbox relay";

    private final OutboxLag lag;
    private final long stuckAfterSeconds;

    public OutboxWellness(OutboxLag lag, @ConfigProperty(name = "lianxin.outbox.stuck-after") Duration stuckAfter) {
        this.lag = lag;
        this.stuckAfterSeconds = stuckAfter.toSeconds();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return lag.measure().map(s -> HealthCheckResponse.named(NAME).status(s.oldestAgeSeconds() <= stuckAfterSeconds)
                .withData("unpublished", s.unpublished())
                .withData("oldestUnpublishedSeconds", s.oldestAgeSeconds())
                .withData("stuckAfterSeconds", stuckAfterSeconds)
                .withData("parked", s.parked())
                .build());
    }
}
