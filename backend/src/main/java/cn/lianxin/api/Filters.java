package cn.lianxin.api;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The optional filters of a list endpoint, turned into one parameterised query; absent filters are left out. */
public final class Filters {

    private final List<String> conditions = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    /** Adds {@code condition} (which uses :name) only when the client gave a value. */
    public Filters with(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.and(name, value);
        }
        return this;
    }

    /** Adds a condition that always applies, such as the caller's scope; a null parameter matches nothing. */
    public Filters always(String condition, Map<String, Object> values) {
        conditions.add(condition);
        values.forEach(parameters::and);
        return this;
    }

    public String where(String orderBy) {
        String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        return where + " order by " + orderBy;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** Runs the page and the count of a query and maps the entities to their views. */
    public static <E, V> Uni<Page<V>> page(PanacheQuery<E> query, PageRequest request, Function<E, V> view) {
        return query.page(request.toPanache()).list()
                .chain(items -> query.count().map(total -> new Page<>(items.stream().map(view).toList(), request.page, request.size, total)));
    }
}
