package cn.lianxin.bookings;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Native SQL in the current session with positional parameters ?1, ?2 …, for the statements bookings write by hand. */
final class Sql {

    private Sql() {
    }

    /** The rows, each an array of its columns (so ask for two columns or more: one column answers bare values). */
    static Uni<List<Object[]>> rows(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql, Object[].class), params).getResultList());
    }

    /** @return how many rows changed */
    static Uni<Integer> execute(String sql, Object... params) {
        return Panache.getSession().chain(s -> bind(s.createNativeQuery(sql), params).executeUpdate());
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... params) {
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        return query;
    }
}
