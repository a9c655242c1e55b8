package cn.lianxin.work;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The town office's view of work that could not be done: items parked after their last attempt, in every queue,
 * with the reason; and a retry once the cause is fixed (a category re-activated, a provider back).
 */
@Path("/api/work/parked")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Work")
public class ParkedWorkResource {

    public record ParkedItem(String queue, long id, int attempts, String reason, OffsetDateTime parkedAt) {
        static ParkedItem of(Row row) {
            return new ParkedItem(row.getString("queue"), row.getLong("id"), row.getInteger("attempts"), row.getString("last_error"),
                    row.getOffsetDateTime("parked_at"));
        }
    }

    private final Pool pool;
    private final List<WorkQueue.Stored> queues;

    public ParkedWorkResource(Pool pool, @Any Instance<WorkQueue<?>> queues) {
        this.pool = pool;
        this.queues = queues.stream().<WorkQueue.Stored>map(WorkQueue::stored).toList();
    }

    @GET
    @Operation(summary = "Items parked after their last attempt, in every queue, newest first")
    public Uni<Page<ParkedItem>> parked(@Valid @BeanParam PageRequest page) {
        // Queue names and tables are constants of the queues, never input.
        String parked = queues.stream().map(q -> "SELECT '" + q.name() + "' AS queue, id, attempts, last_error, parked_at FROM " + q.table()
                + " WHERE parked_at IS NOT NULL").collect(Collectors.joining(" UNION ALL "));
        Uni<Long> total = pool.query("SELECT count(*) FROM (" + parked + ") p").execute().map(rows -> rows.iterator().next().getLong(0));
        Uni<List<ParkedItem>> items = pool.preparedQuery("SELECT * FROM (" + parked + ") p ORDER BY parked_at DESC, queue, id LIMIT $1 OFFSET $2")
                .execute(Tuple.of(page.size, page.page * page.size))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(ParkedItem::of).toList());
        return Uni.combine().all().unis(items, total).asTuple().map(t -> new Page<>(t.getItem1(), page.page, page.size, t.getItem2()));
    }

    @POST
    @Path("{queue}/{id}/retry")
    @Operation(summary = "Makes a parked item due again now; it gets one more attempt, and is parked again if that fails")
    public Uni<ParkedItem> retry(@PathParam("queue") String name, @PathParam("id") long id) {
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
