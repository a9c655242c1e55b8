package cn.lianxin.staff;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first town-office account, so that a new installation can be signed into at all: created once, at
 * startup, from LIANXIN_ADMIN_PASSWORD, as user "office". Afterwards that account is managed like any other.
 */
@ApplicationScoped
public class OfficeBootstrap {

    static final String USERNAME = "office";
    private static final Logger LOG = Logger.getLogger(OfficeBootstrap.class);

    private final PasswordHasher hasher;
    private final Optional<String> password;

    public OfficeBootstrap(PasswordHasher hasher, @ConfigProperty(name = "lianxin.staff.bootstrap-password") Optional<String> password) {
        this.hasher = hasher;
        this.password = password;
    }

    void onStart(@Observes StartupEvent startup) throws Throwable {
        if (password.isEmpty()) {
            return;
        }
        // Startup runs on the main thread; Hibernate Reactive needs a Vert.x context, which this provides.
        if (!VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(OfficeBootstrap::absent))) {
            return;
        }
        // Hashed here, on the main thread, before the transaction: 600 000 iterations must not hold a connection.
        String hash = hasher.hash(password.get());
        boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> absent().chain(absent -> {
            if (!absent) {
                return Uni.createFrom().item(false);
            }
            StaffAccount office = new StaffAccount();
            office.username = USERNAME;
            office.displayName = "镇党委办公室";
            office.role = StaffRole.TOWN_OFFICE;
            office.passwordHash = hash;
            return office.persist().replaceWith(true);
        })));
        if (created) {
            LOG.info("Created the first town-office account 'office'");
        }
    }

    /** Asked again inside the transaction: another instance may have created it while we hashed. */
    private static Uni<Boolean> absent() {
        return StaffAccount.count("username", USERNAME).map(existing -> existing == 0);
    }
}
