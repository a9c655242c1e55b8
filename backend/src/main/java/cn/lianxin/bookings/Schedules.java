package cn.lianxin.bookings;

import cn.lianxin.api.ApiException;
import cn.lianxin.bookings.domain.ReceptionSlots.Dated;
import cn.lianxin.bookings.domain.ReceptionSlots.Leave;
import cn.lianxin.bookings.domain.ReceptionSlots.Rule;
import cn.lianxin.bookings.domain.ReceptionSlots.Schedule;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Representatives' published reception hours (定期接待): weekly rules, dated openings and closings, leave with a
 * stand-in. Edited by the town office, the representative's liaison and the representative; read by {@link Slots}.
 */
@ApplicationScoped
public class Schedules {

    /** Dated hours without {@code from}/{@code to} close the day. */
    public record DatedHours(LocalDate day, LocalTime from, LocalTime to, Integer slotMinutes, Integer bufferMinutes) {
    }

    public record LeaveDays(LocalDate firstDay, LocalDate lastDay, Long standInId) {
    }

    /** A representative's rules as they now stand. */
    public record Published(long representativeId, List<Rule> rules, List<DatedHours> dated, List<LeaveDays> leave) {
    }

    static final int MIN_SLOT = 10;
    static final int MAX_SLOT = 180;
    static final int MAX_BUFFER = 120;

    private final Clock clock;
    private final ZoneId zone;

    public Schedules(Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** In a transaction: replaces the representative's weekly rules. */
    public Uni<Published> replaceRules(Caller caller, long representativeId, List<Rule> rules) {
        validate(rules);
        return editable(caller, representativeId)
                .chain(r -> Sql.execute("DELETE FROM reception_rule WHERE representative_id = ?1", representativeId))
                .chain(() -> io.smallrye.mutiny.Multi.createFrom().iterable(rules).onItem().transformToUniAndConcatenate(rule -> Sql.execute("""
                        INSERT INTO reception_rule (representative_id, weekday, starts_at, ends_at, slot_minutes, buffer_minutes)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""", representativeId, rule.weekday().getValue(), rule.from(), rule.to(),
                        rule.slotMinutes(), rule.bufferMinutes())).collect().asList())
                .chain(() -> published(representativeId));
    }

    /** In a transaction: the dated hours replace the week's on that day (closing it when they have none). */
    public Uni<Published> setDated(Caller caller, long representativeId, DatedHours hours) {
        if (hours == null || hours.day() == null) {
            throw ApiException.invalidField("day", "is required");
        }
        if (hours.from() != null || hours.to() != null) {
            validate(List.of(new Rule(DayOfWeek.MONDAY, hours.from(), hours.to(), orDefault(hours.slotMinutes(), 30),
                    orDefault(hours.bufferMinutes(), 0))));
        }
        return editable(caller, representativeId)
                .chain(r -> Sql.execute("""
                        INSERT INTO reception_date (representative_id, day, starts_at, ends_at, slot_minutes, buffer_minutes)
                        VALUES (?1, ?2, CAST(?3 AS time), CAST(?4 AS time), ?5, ?6)""", representativeId, hours.day(), hours.from(), hours.to(),
                        orDefault(hours.slotMinutes(), 30), orDefault(hours.bufferMinutes(), 0)))
                .chain(() -> published(representativeId));
    }

    /** In a transaction: records leave; the stand-in, when named, receives the representative's slots on those days. */
    public Uni<Published> addLeave(Caller caller, long representativeId, LeaveDays leave) {
        if (leave == null || leave.firstDay() == null) {
            throw ApiException.invalidField("firstDay", "is required");
        }
        if (leave.lastDay() == null || leave.lastDay().isBefore(leave.firstDay())) {
            throw ApiException.invalidField("lastDay", "is required, on or after firstDay");
        }
        if (leave.standInId() != null && leave.standInId() == representativeId) {
            throw ApiException.invalidField("standInId", "must be another representative");
        }
        Uni<?> standIn = leave.standInId() == null ? Uni.createFrom().voidItem()
                : Representative.<Representative>findById(leave.standInId()).invoke(s -> {
                    if (s == null || !s.active) {
                        throw ApiException.invalidField("standInId", "is not an active representative");
                    }
                });
        return editable(caller, representativeId).call(() -> standIn)
                .chain(r -> Sql.execute("INSERT INTO representative_leave (representative_id, first_day, last_day, stand_in_id) VALUES (?1, ?2, ?3, CAST(?4 AS bigint))",
                        representativeId, leave.firstDay(), leave.lastDay(), leave.standInId()))
                .chain(() -> published(representativeId));
    }

    /** In a session: what the representative publishes, for the console's editing and for anyone who may see it. */
    public Uni<Published> published(long representativeId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        return schedules(List.of(representativeId), today, today.plusYears(1)).map(list -> {
            Schedule s = list.get(0);
            return new Published(representativeId, s.rules(),
                    s.dated().stream().map(d -> new DatedHours(d.day(), d.from(), d.to(), d.slotMinutes(), d.bufferMinutes())).toList(),
                    s.leave().stream().map(l -> new LeaveDays(l.from(), l.to(), l.standInId())).toList());
        });
    }

    /**
     * In a session: the schedules of these representatives and of those whose leave they stand in for between the
     * two days — all that decides who receives when in that time.
     */
    Uni<List<Schedule>> schedulesReceivedBy(Collection<Long> representatives, LocalDate from, LocalDate to) {
        // Two columns: a one-column native query answers bare values, not rows.
        return Sql.rows("SELECT representative_id, stand_in_id FROM representative_leave WHERE stand_in_id IN (?1) AND last_day >= ?2 AND first_day <= ?3",
                List.copyOf(representatives), from, to).chain(standingIn -> {
                    Set<Long> all = new LinkedHashSet<>(representatives);
                    standingIn.forEach(row -> all.add(((Number) row[0]).longValue()));
                    return schedules(all, from, to);
                });
    }

    private Uni<List<Schedule>> schedules(Collection<Long> representatives, LocalDate from, LocalDate to) {
        List<Long> ids = List.copyOf(new LinkedHashSet<>(representatives));
        return Sql.rows("SELECT representative_id, weekday, starts_at, ends_at, slot_minutes, buffer_minutes FROM reception_rule"
                + " WHERE representative_id IN (?1) ORDER BY weekday, starts_at", ids)
                .chain(rules -> Sql.rows("SELECT representative_id, day, starts_at, ends_at, slot_minutes, buffer_minutes FROM reception_date"
                        + " WHERE representative_id IN (?1) AND day BETWEEN ?2 AND ?3 ORDER BY day, starts_at", ids, from, to)
                        .chain(dated -> Sql.rows("SELECT representative_id, first_day, last_day, stand_in_id FROM representative_leave"
                                + " WHERE representative_id IN (?1) AND last_day >= ?2 AND first_day <= ?3 ORDER BY first_day", ids, from, to)
                                .map(leave -> {
                                    Map<Long, Schedule> byId = new HashMap<>();
                                    for (Long id : ids) {
                                        byId.put(id, new Schedule(id, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                                    }
                                    rules.forEach(r -> byId.get(id(r)).rules().add(new Rule(DayOfWeek.of(((Number) r[1]).intValue()),
                                            (LocalTime) r[2], (LocalTime) r[3], ((Number) r[4]).intValue(), ((Number) r[5]).intValue())));
                                    dated.forEach(d -> byId.get(id(d)).dated().add(new Dated((LocalDate) d[1], (LocalTime) d[2],
                                            (LocalTime) d[3], ((Number) d[4]).intValue(), ((Number) d[5]).intValue())));
                                    leave.forEach(l -> byId.get(id(l)).leave().add(new Leave((LocalDate) l[1], (LocalDate) l[2],
                                            l[3] == null ? null : ((Number) l[3]).longValue())));
                                    return List.copyOf(byId.values());
                                })));
    }

    /** The representative, when the caller may edit their hours: the office, their workstation's liaison, themself. */
    private static Uni<Representative> editable(Caller caller, long representativeId) {
        return Representative.<Representative>findById(representativeId).invoke(r -> {
            if (r == null) {
                throw ApiException.notFound("Representative " + representativeId);
            }
            boolean allowed = caller.is(StaffRole.TOWN_OFFICE)
                    || caller.is(StaffRole.LIAISON) && r.workstationId.equals(caller.workstationId())
                    || caller.representativeId() != null && caller.representativeId() == representativeId;
            if (!allowed) {
                throw new ApiException(cn.lianxin.api.Problem.of(403, "Forbidden",
                        "Only the town office, the workstation's liaison or the representative may edit these reception hours"));
            }
        });
    }

    private static void validate(List<Rule> rules) {
        if (rules == null) {
            throw ApiException.invalidField("rules", "is required (an empty list publishes no weekly hours)");
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String at = "rules[" + i + "].";
            if (r == null || r.weekday() == null || r.weekday().getValue() > 5) {
                throw ApiException.invalidField(at + "weekday", "must be MONDAY to FRIDAY (a dated opening covers other days)");
            }
            if (r.from() == null || r.to() == null || !r.to().isAfter(r.from())) {
                throw ApiException.invalidField(at + "to", "from and to are required, to after from");
            }
            if (r.slotMinutes() < MIN_SLOT || r.slotMinutes() > MAX_SLOT) {
                throw ApiException.invalidField(at + "slotMinutes", "must be " + MIN_SLOT + " to " + MAX_SLOT);
            }
            if (r.bufferMinutes() < 0 || r.bufferMinutes() > MAX_BUFFER) {
                throw ApiException.invalidField(at + "bufferMinutes", "must be 0 to " + MAX_BUFFER);
            }
            if (r.from().plusMinutes(r.slotMinutes()).isAfter(r.to()) || r.from().plusMinutes(r.slotMinutes()).isBefore(r.from())) {
                throw ApiException.invalidField(at + "slotMinutes", "does not fit between from and to");
            }
        }
    }

    private static int orDefault(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }

    private static long id(Object[] row) {
        return ((Number) row[0]).longValue();
    }
}
