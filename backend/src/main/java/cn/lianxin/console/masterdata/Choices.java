package cn.lianxin.console.masterdata;

import cn.lianxin.console.masterdata.FormField.Option;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names of one kind of master data, for showing references in lists and offering them in forms: every record
 * names what it points at (deactivated ones too, since old records still point at them), a form offers only the
 * active ones. Read as projections — the tables hold tens to hundreds of rows, read whole.
 */
record Choices(Map<Long, String> names, List<Option> active) {

    static Uni<Choices> towns() {
        return of("select e.id, e.name, e.active, '' from Town e order by e.name");
    }

    static Uni<Choices> constituencies() {
        return of("select e.id, e.name, e.active, t.name from Constituency e join Town t on t.id = e.townId order by t.name, e.name");
    }

    static Uni<Choices> villages() {
        return of("select e.id, e.name, e.active, t.name from Village e join Town t on t.id = e.townId order by t.name, e.name");
    }

    static Uni<Choices> workstations() {
        return of("select e.id, e.name, e.active, t.name from Workstation e join Town t on t.id = e.townId order by t.name, e.name");
    }

    /** A representative is named with their workstation: names repeat across a town. */
    static Uni<Choices> representatives() {
        return of("select r.id, r.name, r.active, w.name from Representative r join Workstation w on w.id = r.workstationId"
                + " order by w.name, r.name");
    }

    /**
     * Rows of (id, name, active, context): the context (the town, or a representative's workstation) is added to
     * the name only where it tells records apart — a town with one town office never sees its own name repeated.
     */
    private static Uni<Choices> of(String query) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(query, Object[].class).getResultList()).map(rows -> {
            boolean mixed = rows.stream().map(row -> row[3]).distinct().count() > 1;
            Map<Long, String> names = new LinkedHashMap<>();
            List<Option> active = new ArrayList<>();
            for (Object[] row : rows) {
                String label = mixed ? row[1] + "（" + row[3] + "）" : (String) row[1];
                names.put((Long) row[0], label);
                if ((Boolean) row[2]) {
                    active.add(new Option(row[0].toString(), label));
                }
            }
            return new Choices(names, active);
        });
    }

    String name(Long id) {
        return id == null ? "" : names.getOrDefault(id, "#" + id);
    }

    String names(Collection<Long> ids) {
        return ids.stream().sorted().map(this::name).collect(Collectors.joining("、"));
    }
}
