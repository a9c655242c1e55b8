package cn.lianxin.calendar;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The calendar deadlines are counted in: a snapshot of {@code calendar_day}, read synchronously through
 * {@link #current()} so that deadline arithmetic needs no database round trip. Loaded at startup (startup
 * fails rather than count without holidays), again after every edit made through this instance, and on a
 * schedule so that an edit made through another instance arrives within {@code lianxin.calendar.reload-interval}.
 * The whole table is read each time: a year is a few dozen rows.
 */
@ApplicationScoped
public class WorkingCalendar {

    private static final Logger LOG = Logger.getLogger(WorkingCalendar.class);

    /** A loaded calendar and the order in which its load started. */
    private record Snapshot(long load, WorkingDays days) {
    }

    private final Pool pool;
    private final ZoneId zone;
    private final LocalTime endOfWorkingDay;
    private final AtomicLong loads = new AtomicLong();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

    public WorkingCalendar(Pool pool, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone,
            @ConfigProperty(name = "lianxin.calendar.end-of-working-day") LocalTime endOfWorkingDay) {
        this.pool = pool;
        this.zone = zone;
        this.endOfWorkingDay = endOfWorkingDay;
    }

    void loadAtStartup(@Observes StartupEvent startup) {
        reload().await().atMost(Duration.ofSeconds(30));
    }

    @Scheduled(every = "${lianxin.calendar.reload-interval}", delayed = "${lianxin.calendar.reload-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reloadOnSchedule() {
        return reload()
                .onFailure().invoke(e -> LOG.warnf("Calendar reload failed, the previous snapshot stays in use: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** The calendar as last loaded. */
    public WorkingDays current() {
        Snapshot loaded = snapshot.get();
        if (loaded == null) {
            throw new IllegalStateException("the working calendar has not been loaded yet");
        }
        return loaded.days();
    }

    /**
     * Reads the table again; call it after an edit has committed. When loads overlap, a load that started
     * earlier never replaces one that started later, so an edit's own reload cannot be undone by an older one.
     */
    public Uni<Void> reload() {
        long load = loads.incrementAndGet();
        return pool.query("SELECT day, kind FROM calendar_day").execute().map(rows -> {
            Map<LocalDate, DayKind> exceptions = new HashMap<>();
            for (Row row : rows) {
                exceptions.put(row.getLocalDate("day"), DayKind.valueOf(row.getString("kind")));
            }
            return new Snapshot(load, new WorkingDays(exceptions, zone, endOfWorkingDay));
        }).invoke(loaded -> snapshot.accumulateAndGet(loaded, (kept, fresh) -> kept == null || fresh.load() > kept.load() ? fresh : kept))
                .replaceWithVoid();
    }
}
