package cn.lianxin.testing;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads rows straight from PostgreSQL, for tests that assert what was (or was not) stored. */
public final class Database {

    private Database() {
    }

    public static long count(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    /** The first column of the first row, as a number (an id, say); fails when there is no row. */
    public static long number(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    /** Changes rows the public API cannot change yet; returns how many. */
    public static int update(Pool pool, String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().rowCount();
    }
}
