package cn.lianxin.console;

import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.stats.Figures;
import cn.lianxin.stats.OverdueCase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * 督办: the overdue cases of {@link Figures#overdue} (the query of {@code GET /api/stats/overdue}), grouped by workstation
 * and then representative, each with the clock that is open — which deadline, when it fell due, overdue by how long
 * and by how many working days. The office may narrow to a workstation; a liaison or group leader reads their own
 * ({@link Figures#workstationFor}). Pages of {@link #PAGE_SIZE}, the API's largest page, most overdue first; the groups
 * are those of the page.
 */
@Path("/console/overdue")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class OverduePage {

    static final int PAGE_SIZE = 200;

    /** One overdue case and its open clock, as the board shows it. */
    public record Item(OverdueCase o, String link, String clock, String dueAt, String overdueBy, List<String> alsoMissed) {
    }

    public record RepresentativeGroup(String name, List<Item> items) {
    }

    public record WorkstationGroup(Long id, String name, int count, List<RepresentativeGroup> representatives) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(Frame frame, Long workstationId, List<Workstation> workstations,
                List<WorkstationGroup> groups, long total, int first, int last, String previous, String next);
    }

    private final Figures figures;
    private final WorkingCalendar calendar;
    private final CaseCards cards;
    private final Frame.Frames frames;
    private final Clock clock;

    public OverduePage(Figures figures, WorkingCalendar calendar, CaseCards cards, Frame.Frames frames, Clock clock) {
        this.figures = figures;
        this.calendar = calendar;
        this.cards = cards;
        this.frames = frames;
        this.clock = clock;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> board(@QueryParam("workstationId") Long requested, @QueryParam("page") @DefaultValue("0") int pageNumber) {
        Frame frame = frames.of("overdue");
        Long workstation = Figures.workstationFor(frame.caller(), requested);
        PageRequest page = new PageRequest();
        page.page = Math.max(pageNumber, 0);
        page.size = PAGE_SIZE;
        Uni<List<Workstation>> choices = frame.office() ? Workstation.listAll(Sort.by("name")) : Uni.createFrom().item(List.of());
        return figures.overdue(OffsetDateTime.now(clock), workstation, page, calendar.current()).chain(result -> choices.map(list -> {
            int first = page.page * PAGE_SIZE;
            String query = workstation == null ? "" : "&workstationId=" + workstation;
            String previous = page.page == 0 ? null : "/console/overdue?page=" + (page.page - 1) + query;
            String next = first + result.items().size() < result.total() ? "/console/overdue?page=" + (page.page + 1) + query : null;
            return Templates.board(frame, workstation, list, groups(result.items()), result.total(), first + 1,
                    first + result.items().size(), previous, next);
        }));
    }

    /** By workstation then representative, each by name (the unplaced last); within a group most overdue first. */
    private List<WorkstationGroup> groups(List<OverdueCase> cases) {
        Comparator<OverdueCase> byWorkstation = Comparator.comparing(OverdueCase::workstationName, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(OverdueCase::workstationId, Comparator.nullsLast(Comparator.naturalOrder()));
        Map<Long, List<OverdueCase>> perWorkstation = cases.stream().sorted(byWorkstation)
                .collect(Collectors.groupingBy(o -> o.workstationId() == null ? -1L : o.workstationId(), LinkedHashMap::new, Collectors.toList()));
        List<WorkstationGroup> groups = new ArrayList<>();
        perWorkstation.values().forEach(list -> {
            OverdueCase any = list.get(0);
            Map<Long, List<OverdueCase>> perRepresentative = list.stream()
                    .sorted(Comparator.comparing(OverdueCase::representativeName, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(OverdueCase::representativeId, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(OverdueCase::dueAt).thenComparing(OverdueCase::number))
                    .collect(Collectors.groupingBy(o -> o.representativeId() == null ? -1L : o.representativeId(), LinkedHashMap::new,
                            Collectors.toList()));
            List<RepresentativeGroup> representatives = perRepresentative.values().stream()
                    .map(items -> new RepresentativeGroup(Objects.requireNonNullElse(items.get(0).representativeName(), "尚未分派代表"),
                            items.stream().map(this::item).toList()))
                    .toList();
            groups.add(new WorkstationGroup(any.workstationId(), Objects.requireNonNullElse(any.workstationName(), "未分配工作室"),
                    list.size(), representatives));
        });
        return groups;
    }

    private Item item(OverdueCase o) {
        List<String> alsoMissed = o.missed().stream().skip(1).map(k -> k.label()).toList();
        return new Item(o, "/console/cases/" + o.caseId(), o.deadlineLabel(), cards.at(o.dueAt()),
                CaseCards.span(Duration.ofMinutes(o.overdueMinutes())), alsoMissed);
    }
}
