package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.masterdata.Town;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.Caller;
import cn.lianxin.stats.Dimension;
import cn.lianxin.stats.Figures;
import cn.lianxin.stats.OverdueCase;
import cn.lianxin.stats.RateRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gathers a {@link MonthlyReport} from the figures' own queries ({@link Figures#rates}, {@link Figures#overdue}),
 * scoped as the API scopes them: {@link Figures#workstationFor} first, so a liaison asking for another workstation
 * is refused before anything is read. Needs a Hibernate Reactive session for the master-data names.
 */
@ApplicationScoped
public class MonthlyReports {

    /** The overdue cases a report lists: the API's largest page; the report says how many there are in all. */
    static final int OVERDUE_LISTED = 200;

    private final Figures figures;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final ZoneId townZone;

    public MonthlyReports(Figures figures, WorkingCalendar calendar, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.figures = figures;
        this.calendar = calendar;
        this.clock = clock;
        this.townZone = townZone;
    }

    /** The report of {@code month} for the workstation the caller asks for (null: the whole town, the office only). */
    public Uni<MonthlyReport> of(Caller caller, YearMonth month, Long requested) {
        Long workstation = Figures.workstationFor(caller, requested);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return names(workstation).chain(names -> {
            // A town's report splits the month by workstation; a workstation's by its representatives.
            Dimension groups = workstation == null ? Dimension.WORKSTATION : Dimension.REPRESENTATIVE;
            PageRequest listed = new PageRequest();
            listed.size = OVERDUE_LISTED;
            return Uni.combine().all().unis(
                            rates(groups, month, now, workstation),
                            rates(groups, month.minusMonths(1), now, workstation),
                            rates(Dimension.VILLAGE, month, now, workstation),
                            rates(Dimension.CATEGORY, month, now, workstation),
                            figures.overdue(now, workstation, listed, calendar.current()))
                    .asTuple()
                    .map(t -> report(names, month, workstation, townZone, now, groups, t.getItem1(), t.getItem2(), t.getItem3(),
                            t.getItem4(), t.getItem5()));
        });
    }

    private record Names(String town, String workstation) {
    }

    /** The town's and (for a workstation's report) the workstation's names, from master data. */
    private Uni<Names> names(Long workstation) {
        if (workstation != null) {
            return Workstation.<Workstation>findById(workstation)
                    .onItem().ifNull().failWith(() -> ApiException.notFound("Workstation " + workstation))
                    .chain(w -> Town.<Town>findById(w.townId).map(t -> new Names(t.name, w.name)));
        }
        // The office's report covers every workstation; a deployment serves one town, whose name it carries.
        return Town.count().chain(count -> count == 1
                ? Town.<Town>findAll().firstResult().map(t -> new Names(t.name, null))
                : Uni.createFrom().item(new Names("全部乡镇", null)));
    }

    private Uni<Figures.Rates> rates(Dimension by, YearMonth month, OffsetDateTime now, Long workstation) {
        return figures.rates(by, start(month), start(month.plusMonths(1)), now, workstation);
    }

    private static MonthlyReport report(Names names, YearMonth month, Long workstation, ZoneId zone, OffsetDateTime now, Dimension groups,
            Figures.Rates current, Figures.Rates previous, Figures.Rates villages, Figures.Rates categories, Page<OverdueCase> overdue) {
        List<MonthlyReport.RateLine> rates = new ArrayList<>();
        for (Charts.Rate rate : Charts.Rate.values()) {
            rates.add(new MonthlyReport.RateLine(rate.label, point(rate, current.total()), point(rate, previous.total())));
        }
        String unplaced = groups == Dimension.WORKSTATION ? "未分配工作室" : "未分配代表";
        List<MonthlyReport.GroupRow> rows = current.rows().stream()
                .map(r -> new MonthlyReport.GroupRow(r.name() == null ? unplaced : r.name(), r.registered(),
                        List.of(Charts.Rate.values()).stream().map(rate -> point(rate, r)).toList()))
                .toList();
        return new MonthlyReport(names.town(), names.workstation(), month, workstation, zone, now, rates,
                groups == Dimension.WORKSTATION ? "工作室" : "党代表", rows, bars(villages), bars(categories),
                overdue.items(), overdue.total());
    }

    private static Charts.Point point(Charts.Rate rate, RateRow row) {
        return new Charts.Point(rate.rate(row), rate.numerator(row), rate.denominator(row), null);
    }

    private static List<MonthlyReport.CountBar> bars(Figures.Rates rates) {
        long largest = rates.rows().stream().mapToLong(RateRow::registered).max().orElse(0);
        return rates.rows().stream()
                .map(r -> new MonthlyReport.CountBar(r.name() == null ? "未定" : r.name(), r.registered(), largest))
                .toList();
    }

    private OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay(townZone).toOffsetDateTime();
    }
}
