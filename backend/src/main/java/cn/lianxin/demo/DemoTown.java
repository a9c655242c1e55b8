package cn.lianxin.demo;

import cn.lianxin.staff.PasswordHasher;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the demo town (史官镇: villages, workstations, representatives, categories) in local mode, so that a
 * newcomer's first ./infra/run has something to route and register against, and staff accounts to walk a case
 * through the six steps with: every demo representative signs in with their WeCom id (group leaders as group
 * leaders), each workstation's liaison as {@code liaison<workstation id>}, all with the office's password.
 * Never enabled in production.
 */
@ApplicationScoped
public class DemoTown {

    private static final Logger LOG = Logger.getLogger(DemoTown.class);

    private static final String DEMO_STAFF = """
            INSERT INTO staff_account (username, display_name, password_hash, role, workstation_id, representative_id)
            SELECT r.wecom_user_id, r.name, $1, CASE WHEN r.group_leader THEN 'GROUP_LEADER' ELSE 'REPRESENTATIVE' END,
                   r.workstation_id, r.id
            FROM representative r JOIN workstation w ON w.id = r.workstation_id JOIN town t ON t.id = w.town_id
            WHERE t.code = 'SG' AND r.wecom_user_id IS NOT NULL
            UNION ALL
            SELECT 'liaison' || w.id, w.liaison_name, $1, 'LIAISON', w.id, NULL
            FROM workstation w JOIN town t ON t.id = w.town_id WHERE t.code = 'SG'
            ON CONFLICT DO NOTHING""";

    private final Pool pool;
    private final PasswordHasher hasher;
    private final boolean enabled;
    private final Optional<String> password;

    public DemoTown(Pool pool, PasswordHasher hasher, @ConfigProperty(name = "lianxin.demo-data.enabled") boolean enabled,
            @ConfigProperty(name = "lianxin.staff.bootstrap-password") Optional<String> password) {
        this.pool = pool;
        this.hasher = hasher;
        this.enabled = enabled;
        this.password = password;
    }

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            load();
        }
    }

    public void load() {
        // The script is idempotent and runs as one simple-protocol query: several statements, one round trip.
        String passwordHash = password.map(hasher::hash).orElse(null);
        pool.withTransaction(conn -> conn.query(script()).execute()
                .chain(() -> passwordHash == null ? Uni.createFrom().voidItem()
                        : conn.preparedQuery(DEMO_STAFF).execute(Tuple.of(passwordHash)).replaceWithVoid()))
                .await().atMost(Duration.ofSeconds(30));
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
