package cn.lianxin.console;

import cn.lianxin.api.Roles;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.visits.Coverage;
import cn.lianxin.visits.RevisitTasks;
import cn.lianxin.visits.VisitCoverage;
import cn.lianxin.visits.VisitRecords;
import cn.lianxin.visits.VisitResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 走访: the coverage of the villages the caller answers for over a period (this one by default), village by village
 * with the late ones first, the visits recorded, and the revisit tasks with their outcomes — the same services as
 * {@code /api/visits…} and {@code /api/revisits}, scoped alike (the office the town, a liaison or group leader their
 * workstation).
 */
@Path("/console/visits")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class VisitsPage {

    public record CoverageRow(VisitCoverage.VillageRow row, String status) {
    }

    public record VisitRow(VisitResource.VisitView visit, String village, String representative) {
    }

    public record TaskRow(RevisitTasks.Task task, String link, String status, String outcome) {
    }

    @CheckedTemplate
    static class Templates {
        /** {@code month}: the 履职台账 period the representatives' names link to (the month the range starts in). */
        static native TemplateInstance visits(Frame frame, LocalDate from, LocalDate to, String month, List<CoverageRow> coverage,
                long late, String chart, List<VisitRow> visits, List<TaskRow> revisits);
    }

    private final VisitCoverage coverage;
    private final VisitRecords records;
    private final RevisitTasks revisits;
    private final Frame.Frames frames;
    private final ObjectMapper json;

    public VisitsPage(VisitCoverage coverage, VisitRecords records, RevisitTasks revisits, Frame.Frames frames, ObjectMapper json) {
        this.json = json;
        this.coverage = coverage;
        this.records = records;
        this.revisits = revisits;
        this.frames = frames;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> page(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        Frame frame = frames.of("visits");
        VisitCoverage.Period period = from == null || to == null ? coverage.periodOf(records.today()) : new VisitCoverage.Period(from, to);
        return coverage.coverage(frame.caller(), period.from(), period.to()).chain(rows -> records.list(frame.caller(), period.from(), period.to())
                .chain(visits -> revisits.list(frame.caller(), null, null).chain(tasks -> names(visits).map(names -> {
                    List<CoverageRow> coverageRows = rows.stream()
                            .sorted((a, b) -> Boolean.compare(b.status() == Coverage.Status.LATE, a.status() == Coverage.Status.LATE))
                            .map(r -> new CoverageRow(r, status(r.status()))).toList();
                    long late = rows.stream().filter(r -> r.status() == Coverage.Status.LATE).count();
                    List<VisitRow> visitRows = visits.stream().map(v -> new VisitRow(v, names.villages().get(v.villageId()),
                            names.representatives().get(v.representativeId()))).toList();
                    List<TaskRow> taskRows = tasks.stream().map(t -> new TaskRow(t, "/console/cases/" + t.caseId(), status(t.status()),
                            t.outcome() == null ? "" : t.outcome().label())).toList();
                    return Templates.visits(frame, period.from(), period.to(), YearMonth.from(period.from()).toString(), coverageRows, late,
                            chart(rows), visitRows, taskRows);
                }))));
    }

    /** How many villages are in each state of coverage, as bars; every bar opens the coverage table. */
    private String chart(List<VisitCoverage.VillageRow> rows) {
        List<Charts.Point> points = new ArrayList<>();
        for (Coverage.Status status : Coverage.Status.values()) {
            long villages = rows.stream().filter(r -> r.status() == status).count();
            points.add(new Charts.Point(BigDecimal.valueOf(villages), villages, rows.size(), "#coverage-title"));
        }
        List<String> labels = Arrays.stream(Coverage.Status.values()).map(VisitsPage::status).toList();
        return new Charts.Chart(Charts.Kind.BARS, false, labels, List.of(new Charts.Series("村数", points))).json(json);
    }

    private record Names(Map<Long, String> villages, Map<Long, String> representatives) {
    }

    private static Uni<Names> names(List<VisitResource.VisitView> visits) {
        List<Long> villageIds = visits.stream().map(VisitResource.VisitView::villageId).distinct().toList();
        List<Long> representativeIds = visits.stream().map(VisitResource.VisitView::representativeId).distinct().toList();
        Uni<List<Village>> villages = villageIds.isEmpty() ? Uni.createFrom().item(List.of()) : Village.list("id in ?1", villageIds);
        Uni<List<Representative>> representatives = representativeIds.isEmpty() ? Uni.createFrom().item(List.of())
                : Representative.list("id in ?1", representativeIds);
        return villages.chain(vs -> representatives.map(rs -> new Names(
                vs.stream().collect(Collectors.toMap(v -> v.id, v -> v.name)),
                rs.stream().collect(Collectors.toMap(r -> r.id, r -> r.name)))));
    }

    static String status(Coverage.Status status) {
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case STARTED -> "进行中";
            case DONE -> "已走访";
            case LATE -> "逾期";
        };
    }

    static String status(RevisitTasks.Status status) {
        return switch (status) {
            case DUE -> "待回访";
            case OVERDUE -> "逾期未回访";
            case DONE -> "已回访";
        };
    }

}
