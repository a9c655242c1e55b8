package cn.lianxin.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Reads rows straight from PostgreSQL, for tests that assert what was (or was not) stored. */
public final class Database {

    private Database() {
    }

    /** The first column of the first row, as a number (a count, an id); fails when there is no row. */
    public static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The first column of every row, as text. */
    public static List<String> strings(Pool pool, String sql, Object... params) {
        List<String> values = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().forEach(row -> values.add(row.getValue(0) == null ? null
                : row.getValue(0).toString()));
        return values;
    }

    /** Changes rows the public API cannot change yet; returns how many. */
    public static int update(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().rowCount();
    }
}
