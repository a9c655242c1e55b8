package cn.lianxin.stats;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Problem;
import cn.lianxin.calendar.WorkingDays;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.DeadlineKind;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the figures' two queries, one SQL statement per request, through the SQL client: they are aggregates
 * and a page of joined rows, which no entity maps. The SQL lives in rates.sql and overdue.sql next to this
 * class, so that infra/bench/stats-bench.sh times exactly what runs here.
 */
@ApplicationScoped
public class Figures {

    /** A result of the rates query: the groups, and the total over all of them. */
    public record Rates(List<RateRow> rows, RateRow total) {
    }

    private final Pool pool;
    private final Map<Dimension, String> ratesSql = new EnumMap<>(Dimension.class);
    private final String overdueSql;

    public Figures(Pool pool) {
        this.pool = pool;
        String rates = resource("rates.sql");
        for (Dimension d : Dimension.values()) {
            ratesSql.put(d, d.fill(rates));
        }
        this.overdueSql = resource("overdue.sql");
    }

    /** Cases registered in [start, end), grouped by {@code by}; {@code workstationId} null means every workstation. */
    public Uni<Rates> rates(Dimension by, OffsetDateTime start, OffsetDateTime end, OffsetDateTime now, Long workstationId) {
        return pool.preparedQuery(ratesSql.get(by)).execute(Tuple.of(start, end, now, workstationId)).map(Figures::toRates);
    }

    private static Rates toRates(RowSet<Row> result) {
        List<RateRow> rows = new ArrayList<>();
        RateRow total = null;
        for (Row row : result) {
            RateRow r = RateRow.of(row.getLong("key"), row.getString("name"), new RateRow.Counts(row.getLong("registered"),
                    row.getLong("signed_for"), row.getLong("replied"), row.getLong("on_time"), row.getLong("on_time_of"),
                    row.getLong("rated"), row.getLong("satisfied"), row.getLong("archived"), row.getLong("archived_revisited"),
                    row.getLong("revisited"), row.getLong("carried_out")));
            if (row.getBoolean("total")) {
                total = r;
            } else {
                rows.add(r);
            }
        }
        return new Rates(rows, total);
    }

    /** Overdue cases at {@code now}, most overdue first; working days are counted in {@code days}. */
    public Uni<Page<OverdueCase>> overdue(OffsetDateTime now, Long workstationId, PageRequest page, WorkingDays days) {
        Tuple parameters = Tuple.of(now, workstationId, (long) page.size, (long) page.page * page.size);
        return pool.preparedQuery(overdueSql).execute(parameters).map(result -> {
            List<OverdueCase> items = new ArrayList<>();
            long total = 0;
            for (Row row : result) {
                total = row.getLong("total");
                // The page's rows, or the one row without a case that carries the total of an empty page.
                if (row.getUUID("id") != null) {
                    items.add(overdueCase(row, now, days));
                }
            }
            return new Page<>(items, page.page, page.size, total);
        });
    }

    private static OverdueCase overdueCase(Row row, OffsetDateTime now, WorkingDays days) {
        List<DeadlineKind> missed = Arrays.stream(row.getArrayOfStrings("missed")).map(DeadlineKind::valueOf).toList();
        OffsetDateTime due = row.getOffsetDateTime("due_at");
        int workingDays = days.workingDaysBetween(due.atZoneSameInstant(days.zone()).toLocalDate(),
                now.atZoneSameInstant(days.zone()).toLocalDate());
        return new OverdueCase(row.getUUID("id"), row.getString("number"), CaseState.valueOf(row.getString("state")),
                row.getLong("workstation_id"), row.getString("workstation_name"), row.getLong("representative_id"),
                row.getString("representative_name"), missed.get(0), missed.get(0).label(), due,
                Duration.between(due, now).toMinutes(), workingDays, missed);
    }

    private static String resource(String name) {
        try (InputStream in = Figures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath next to " + Figures.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workstation whose figures the caller reads; null is every workstation (the town office only). */
    public static Long workstationFor(Caller caller, Long requested) {
        if (caller.is(StaffRole.TOWN_OFFICE)) {
            return requested;
        }
        if (requested != null && !requested.equals(caller.workstationId())) {
            throw new ApiException(Problem.of(403, "Forbidden", "You may read only your own workstation's figures."));
        }
        return caller.workstationId();
    }
}
