package cn.lianxin.console;

import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.cases.CaseSearch;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.staff.Caller;
import cn.lianxin.stats.Dimension;
import cn.lianxin.stats.Figures;
import cn.lianxin.stats.RateRow;
import cn.lianxin.work.ParkedWork;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 总览: a month at a glance — the four rates by workstation and their trend by month, where concerns come from by
 * village and category, and what needs attention now (overdue cases, parked work, failed messages). Every figure
 * comes from {@link Figures}, the same queries as {@code GET /api/stats/rates}, and links to the cases behind it.
 */
@Path("/console")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    static final int TREND_MONTHS = 12;

    public record Tile(String label, long value, String link) {
    }

    /** One row of the figures table under a chart: the group and, per rate, its value with what it was made of. */
    public record FigureRow(String name, List<Charts.Point> rates) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Frame frame, YearMonth month, List<YearMonth> months, Long workstationId,
                List<Workstation> workstations, String byWorkstation, String byMonth, String byVillage, String byCategory,
                List<FigureRow> table, RateRow total, List<Tile> tiles);
    }

    private final Figures figures;
    private final ParkedWork parked;
    private final WorkingCalendar calendar;
    private final Frame.Frames frames;
    private final ObjectMapper json;
    private final Clock clock;
    private final ZoneId townZone;

    public DashboardPage(Figures figures, ParkedWork parked, WorkingCalendar calendar, Frame.Frames frames, ObjectMapper json,
            Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.figures = figures;
        this.parked = parked;
        this.calendar = calendar;
        this.frames = frames;
        this.json = json;
        this.clock = clock;
        this.townZone = townZone;
    }

    @GET
    @Path("/")
    @WithSession
    public Uni<TemplateInstance> dashboard(@QueryParam("month") String monthParameter, @QueryParam("workstationId") Long requested) {
        Frame frame = frames.of("dashboard");
        Caller caller = frame.caller();
        Long workstation = Figures.workstationFor(caller, requested);
        OffsetDateTime now = OffsetDateTime.now(clock);
        YearMonth thisMonth = YearMonth.from(now.atZoneSameInstant(townZone));
        YearMonth month = month(monthParameter, thisMonth);
        LocalDate from = month.atDay(1);
        LocalDate to = month.atEndOfMonth();
        OffsetDateTime start = start(from);
        OffsetDateTime end = start(to.plusDays(1));
        PageRequest one = new PageRequest();
        one.size = 1;
        // The figures are pool queries and run side by side; the entity reads share one session, one at a time.
        Uni<Long> parkedCount = frame.office() ? parked.count() : Uni.createFrom().item(0L);
        return Uni.combine().all().unis(
                        figures.rates(Dimension.WORKSTATION, start, end, now, workstation),
                        figures.rates(Dimension.VILLAGE, start, end, now, workstation),
                        figures.rates(Dimension.CATEGORY, start, end, now, workstation),
                        trend(month, now, workstation),
                        figures.overdue(now, workstation, one, calendar.current()).map(p -> p.total()),
                        parkedCount)
                .asTuple()
                .chain(t -> OutboundMessage.count("status = ?1 and createdAt >= ?2 and createdAt < ?3", OutboundMessage.Status.FAILED, start, end)
                        .chain(failed -> Workstation.<Workstation>listAll(Sort.by("name")).map(list -> {
                            CaseLinks base = CaseLinks.registered(from, to).with("workstationId", workstation);
                            Figures.Rates ws = t.getItem1();
                            Figures.Rates villages = t.getItem2();
                            Figures.Rates categories = t.getItem3();
                            List<String> wsLabels = ws.rows().stream().map(r -> r.name() == null ? "未分配工作室" : r.name()).toList();
                            Charts.Chart wsChart = Charts.rates(Charts.Kind.BARS, wsLabels, ws.rows(), (i, figure) -> base.copy()
                                    .group("workstationId", ws.rows().get(i).id(), CaseSearch.Unplaced.WORKSTATION).figure(figure).toString());
                            List<YearMonth> trendMonths = trendMonths(month);
                            Charts.Chart monthChart = Charts.rates(Charts.Kind.LINES,
                                    trendMonths.stream().map(m -> m.getYear() + "年" + m.getMonthValue() + "月").toList(), t.getItem4(),
                                    (i, figure) -> CaseLinks.registered(trendMonths.get(i).atDay(1), trendMonths.get(i).atEndOfMonth())
                                            .with("workstationId", workstation).figure(figure).toString());
                            Charts.Chart villageChart = Charts.registered(villages.rows(), villages.total().registered(), (i, figure) -> base.copy()
                                    .group("villageId", villages.rows().get(i).id(), CaseSearch.Unplaced.VILLAGE).toString());
                            Charts.Chart categoryChart = Charts.registered(categories.rows(), categories.total().registered(),
                                    (i, figure) -> base.copy().with("categoryId", categories.rows().get(i).id()).toString());
                            List<FigureRow> table = new ArrayList<>();
                            for (int i = 0; i < wsLabels.size(); i++) {
                                int row = i;
                                table.add(new FigureRow(wsLabels.get(i), wsChart.series().stream().map(s -> s.points().get(row)).toList()));
                            }
                            List<Tile> tiles = new ArrayList<>(List.of(
                                    new Tile("登记件数", ws.total().registered(), base.toString()),
                                    new Tile("超期未办", t.getItem5(), "/console/overdue" + (workstation == null ? "" : "?workstationId=" + workstation))));
                            // The message log and the parked work are the town office's, as in the API.
                            if (frame.office()) {
                                tiles.add(new Tile("发送失败的消息", failed, "/console/messages?status=FAILED&from=" + from + "&to=" + to));
                                tiles.add(new Tile("停滞的待办", t.getItem6(), "/console/messages#parked"));
                            }
                            return Templates.dashboard(frame, month, recentMonths(thisMonth), workstation, list,
                                    wsChart.json(json), monthChart.json(json), villageChart.json(json), categoryChart.json(json),
                                    table, ws.total(), tiles);
                        })));
    }

    /** The total row of each of the {@link #TREND_MONTHS} months up to {@code month}, oldest first. */
    private Uni<List<RateRow>> trend(YearMonth month, OffsetDateTime now, Long workstation) {
        List<Uni<RateRow>> months = trendMonths(month).stream()
                .map(m -> figures.rates(Dimension.WORKSTATION, start(m.atDay(1)), start(m.plusMonths(1).atDay(1)), now, workstation)
                        .map(Figures.Rates::total))
                .toList();
        return Uni.join().all(months).andFailFast();
    }

    private static List<YearMonth> trendMonths(YearMonth month) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = TREND_MONTHS - 1; i >= 0; i--) {
            months.add(month.minusMonths(i));
        }
        return months;
    }

    private static List<YearMonth> recentMonths(YearMonth thisMonth) {
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            months.add(thisMonth.minusMonths(i));
        }
        return months;
    }

    private static YearMonth month(String parameter, YearMonth fallback) {
        try {
            return parameter == null || parameter.isBlank() ? fallback : YearMonth.parse(parameter);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(townZone).toOffsetDateTime();
    }
}
