package cn.lianxin.cases;

import cn.lianxin.api.Filters;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * 请示: the cases the caller can see that wait for an instruction, with what was asked and since when, read from the
 * case's record — the line of the escalation ({@code ESCALATE}, "请示：…"), or of choosing 请示办 as the handling
 * class, which asks without words of its own. Longest waiting first. Served by case_awaiting_instruction_idx (V28)
 * and, for the record's lines, case_activity_case_idx.
 */
public final class AwaitingInstruction {

    private static final List<String> ASKING = List.of(CommandKind.ESCALATE.name(), CommandKind.CHOOSE_HANDLING.name());

    /** A waiting case and the record's line that asked (null if the record has none). */
    public record Waiting(Case c, CaseActivity asked) {
        /** The escalation's own words; null when the case was put on 请示办 without any. */
        public String request() {
            return asked != null && CommandKind.ESCALATE.name().equals(asked.action) ? asked.detail : null;
        }

        public OffsetDateTime since() {
            return asked == null ? c.updatedAt : asked.at;
        }
    }

    /** The cases shown and how many wait in all. */
    public record Slice(List<Waiting> cases, long total) {
    }

    private AwaitingInstruction() {
    }

    /**
     * Up to {@code limit} waiting cases, the earliest registered, ordered by how long they have waited. Few cases
     * wait at a time (an escalation holds the reply back), so the bound is a guard, not a page.
     */
    public static Uni<Slice> oldestFirst(Caller caller, int limit) {
        Filters filters = CaseScope.visibleTo(caller).always("awaitingInstruction = true", Map.of());
        PanacheQuery<Case> query = Case.find(filters.where("registeredAt, id"), filters.parameters());
        return query.range(0, limit - 1).list().chain(cases -> query.count().chain(total -> lastAsked(cases)
                .map(asked -> new Slice(cases.stream().map(c -> new Waiting(c, asked.get(c.id)))
                        .sorted(Comparator.comparing(Waiting::since).thenComparing(w -> w.c().number)).toList(), total))));
    }

    /** The latest line that asked, per case. */
    private static Uni<Map<UUID, CaseActivity>> lastAsked(List<Case> cases) {
        if (cases.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return CaseActivity.<CaseActivity>list("caseId in ?1 and action in ?2 order by id desc",
                        cases.stream().map(c -> c.id).toList(), ASKING)
                .map(lines -> lines.stream().collect(Collectors.toMap(a -> a.caseId, Function.identity(), (latest, earlier) -> latest)));
    }
}
