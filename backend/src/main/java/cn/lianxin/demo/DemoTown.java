package cn.lianxin.demo;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the demo town (史官镇: villages, workstations, representatives, categories) in local mode, so that a
 * newcomer's first ./infra/run has something to route and register against. Never enabled in production.
 */
@ApplicationScoped
public class DemoTown {

    private static final Logger LOG = Logger.getLogger(DemoTown.class);

    private final Pool pool;
    private final boolean enabled;

    public DemoTown(Pool pool, @ConfigProperty(name = "lianxin.demo-data.enabled") boolean enabled) {
        this.pool = pool;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            load();
        }
    }

    public void load() {
        // The script is idempotent and runs as one simple-protocol query: several statements, one round trip.
        pool.withTransaction(conn -> conn.query(script()).execute()).await().atMost(Duration.ofSeconds(30));
        LOG.info("Demo town loaded (idempotent)");
    }

    private static String script() {
        try (InputStream in = DemoTown.class.getResourceAsStream("/demo/demo-town.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
