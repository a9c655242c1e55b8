package cn.lianxin.work;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Work that could not be done: the items parked after their last attempt in every queue, and their retry. */
@ApplicationScoped
public class ParkedWork {

    public record ParkedItem(String queue, long id, int attempts, String reason, OffsetDateTime parkedAt) {
        static ParkedItem of(Row row) {
            return new ParkedItem(row.getString("queue"), row.getLong("id"), row.getInteger("attempts"), row.getString("last_error"),
                    row.getOffsetDateTime("parked_at"));
        }
    }

    private final Pool pool;
    private final List<WorkQueue.Stored> queues;
    private final String parked;

    public ParkedWork(Pool pool, @Any Instance<WorkQueue<?>> queues) {
        this.pool = pool;
        this.queues = queues.stream().<WorkQueue.Stored>map(WorkQueue::stored).toList();
        // Queue names and tables are constants of the queues, never input.
        this.parked = this.queues.stream().map(q -> "SELECT '" + q.name() + "' AS queue, id, attempts, last_error, parked_at FROM " + q.table()
                + " WHERE parked_at IS NOT NULL").collect(Collectors.joining(" UNION ALL "));
    }

    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM (" + parked + ") p").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** Newest first. */
    public Uni<Page<ParkedItem>> page(PageRequest page) {
        Uni<List<ParkedItem>> items = pool.preparedQuery("SELECT * FROM (" + parked + ") p ORDER BY parked_at DESC, queue, id LIMIT $1 OFFSET $2")
                .execute(Tuple.of(page.size, page.page * page.size))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(ParkedItem::of).toList());
        return Uni.combine().all().unis(items, count()).asTuple().map(t -> new Page<>(t.getItem1(), page.page, page.size, t.getItem2()));
    }

    /** Makes a parked item due again now; it gets one more attempt, and is parked again if that fails. */
    public Uni<ParkedItem> retry(String name, long id) {
        WorkQueue.Stored queue = queues.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("The queue " + name));
        return pool.preparedQuery("UPDATE " + queue.table() + " SET parked_at = NULL, next_attempt_at = now()"
                        + " WHERE id = $1 AND parked_at IS NOT NULL RETURNING '" + queue.name() + "' AS queue, id, attempts, last_error, parked_at")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ApiException.notFound("A parked item " + id + " in " + name);
                    }
                    return ParkedItem.of(rows.iterator().next());
                });
    }
}
