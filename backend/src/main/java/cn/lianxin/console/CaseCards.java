package cn.lianxin.console;

import cn.lianxin.cases.Case;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A list's cases as the queues (派单, 请示) show them: the number, where and what about by name, who has it, since when,
 * and the start of the resident's words. The names come in one query per kind for the whole list, not per case.
 */
@ApplicationScoped
public class CaseCards {

    /** How much of the resident's words a queue shows; the whole text is on the case's page. */
    static final int EXCERPT = 120;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    public record Card(Case c, String link, String state, String village, String category, String workstation,
            String representative, String registeredAt, String text, List<String> routingReasons) {
    }

    private final ZoneId townZone;

    public CaseCards(@ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.townZone = townZone;
    }

    /** In the caller's Hibernate Reactive session; the queries run one after the other, as one session requires. */
    public Uni<List<Card>> of(List<Case> cases) {
        return names(Village.class, ids(cases, c -> c.villageId), v -> v.id, v -> v.name)
                .chain(villages -> names(Category.class, ids(cases, c -> c.categoryId), k -> k.id, k -> k.name)
                .chain(categories -> names(Workstation.class, ids(cases, c -> c.workstationId), w -> w.id, w -> w.name)
                .chain(workstations -> names(Representative.class, ids(cases, c -> c.representativeId), r -> r.id, r -> r.name)
                .map(representatives -> cases.stream().map(c -> new Card(c, "/console/cases/" + c.id, c.state.label(),
                        villages.getOrDefault(c.villageId, "村庄待补"), categories.getOrDefault(c.categoryId, ""),
                        workstations.getOrDefault(c.workstationId, "未分配工作室"), representatives.getOrDefault(c.representativeId, "尚未分派"),
                        at(c.registeredAt), excerpt(c.text), c.routingReasons == null ? List.of() : Arrays.asList(c.routingReasons)))
                        .toList()))));
    }

    /** A time as the town reads it: 2026年11月28日 18:00. */
    public String at(OffsetDateTime time) {
        return time == null ? "" : AT.format(time.atZoneSameInstant(townZone));
    }

    /** How long, as a clerk says it: 3天4小时, 5小时20分钟, 12分钟. */
    public static String span(Duration d) {
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "天" + (hours > 0 ? hours + "小时" : "");
        }
        return hours > 0 ? hours + "小时" + (minutes > 0 ? minutes + "分钟" : "") : Math.max(minutes, 0) + "分钟";
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= EXCERPT ? flat : flat.substring(0, flat.offsetByCodePoints(0, EXCERPT)) + "…";
    }

    private static List<Long> ids(Collection<Case> cases, Function<Case, Long> id) {
        return cases.stream().map(id).filter(Objects::nonNull).distinct().toList();
    }

    private static <E extends PanacheEntityBase> Uni<Map<Long, String>> names(Class<E> type,
            List<Long> ids, Function<E, Long> id, Function<E, String> name) {
        if (ids.isEmpty()) {
            // A HashMap, not Map.of(): the cards look up null ids (no village, no representative yet).
            return Uni.createFrom().item(new HashMap<>());
        }
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("from " + type.getSimpleName() + " e where e.id in :ids", type).setParameter("ids", ids)
                        .getResultList())
                .map(list -> list.stream().collect(Collectors.toMap(id, name)));
    }
}
