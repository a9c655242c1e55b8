package cn.lianxin.console;

import cn.lianxin.cases.Case;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.DeadlineKind;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cases as the list, its export and the case page show them: names instead of ids, times in the town's zone, and
 * the next open deadline. The names of one page of cases are read in one query per kind of master data.
 */
@ApplicationScoped
public class CaseRows {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int EXCERPT = 40;

    public record Row(UUID id, String number, String registeredAt, String channel, String village, String category,
            CaseState state, String stateLabel, String workstation, String representative, String nextDeadline,
            String nextDeadlineKind, boolean overdue, String text, String repliedAt, String feedback) {

        /** The start of the resident's words, for a table cell. */
        public String excerpt() {
            return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
        }
    }

    /** Master-data names by id. */
    public record Names(Map<Long, String> villages, Map<Long, String> categories, Map<Long, String> workstations,
            Map<Long, String> representatives) {
    }

    private final ZoneId townZone;
    private final Clock clock;

    public CaseRows(@ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone, Clock clock) {
        this.townZone = townZone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return townZone;
    }

    public Uni<List<Row>> of(List<Case> cases) {
        return names(cases).map(names -> cases.stream().map(c -> row(c, names)).toList());
    }

    public Uni<Names> names(List<Case> cases) {
        Set<Long> villages = ids(cases, c -> c.villageId);
        Set<Long> categories = ids(cases, c -> c.categoryId);
        Set<Long> workstations = ids(cases, c -> c.workstationId);
        Set<Long> representatives = ids(cases, c -> c.representativeId);
        // One session: the reads run one after the other.
        return named(villages, ids -> Village.<Village>list("id in ?1", ids), v -> v.id, v -> v.name)
                .chain(v -> named(categories, ids -> Category.<Category>list("id in ?1", ids), k -> k.id, k -> k.name)
                        .chain(k -> named(workstations, ids -> Workstation.<Workstation>list("id in ?1", ids), w -> w.id, w -> w.name)
                                .chain(w -> named(representatives, ids -> Representative.<Representative>list("id in ?1", ids), r -> r.id,
                                        r -> r.name).map(r -> new Names(v, k, w, r)))));
    }

    public Row row(Case c, Names names) {
        OffsetDateTime next = c.nextOpenDeadline;
        return new Row(c.id, c.number, time(c.registeredAt), CaseLabels.channel(c.channel), name(names.villages(), c.villageId, "未登记村"),
                name(names.categories(), c.categoryId, ""), c.state, c.state.label(),
                name(names.workstations(), c.workstationId, "未分配"), name(names.representatives(), c.representativeId, "未分配"),
                time(next), next == null ? "" : kindOf(c, next).label(), next != null && next.isBefore(OffsetDateTime.now(clock)),
                c.text, time(c.repliedAt), CaseLabels.feedback(c.feedback));
    }

    public String time(OffsetDateTime at) {
        return at == null ? "" : MINUTE.format(at.atZoneSameInstant(townZone));
    }

    /** Which clock the database's next open deadline is: the due time it equals, in the order of the steps. */
    private static DeadlineKind kindOf(Case c, OffsetDateTime next) {
        if (c.signForDueAt != null && c.signForDueAt.isEqual(next)) {
            return DeadlineKind.SIGN_FOR;
        }
        if (c.replyDueAt != null && c.replyDueAt.isEqual(next)) {
            return DeadlineKind.REPLY;
        }
        return DeadlineKind.RESOLUTION;
    }

    private static String name(Map<Long, String> names, Long id, String none) {
        return id == null ? none : names.getOrDefault(id, "#" + id);
    }

    private static Set<Long> ids(List<Case> cases, Function<Case, Long> id) {
        return cases.stream().map(id).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static <E> Uni<Map<Long, String>> named(Set<Long> ids, Function<Set<Long>, Uni<List<E>>> find, Function<E, Long> id,
            Function<E, String> name) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find.apply(ids).map(list -> list.stream().collect(Collectors.toMap(id, name)));
    }
}
