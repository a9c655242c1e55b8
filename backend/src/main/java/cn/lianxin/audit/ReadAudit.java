package cn.lianxin.audit;

import cn.lianxin.staff.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.UUID;

/**
 * Records staff reads of residents' personal information and of cases' text in {@code read_audit}. One statement
 * per request, however many rows it read, and before the answer leaves: a read that cannot be recorded fails
 * instead of going unrecorded. Residents reading their own cases are not recorded; nor is anything but who read
 * what (no text, no number) — the row says which case or resident, the record itself stays where it is.
 */
@ApplicationScoped
public class ReadAudit {

    /** What was read. */
    public enum Action {
        CASE_LIST, CASE_READ, CASE_RECORD, CASE_EXPORT, CASE_FILE, RESIDENT_HISTORY, RESIDENT_SEARCH, RESIDENT_DATA, PHONE_IN_CLEAR,
        /** The message log: what was sent to a resident (its text names their concern). */
        MESSAGE_LOG
    }

    /** One thing read: a case (with its resident) or a resident; {@code target} names it for the reader of the log. */
    public record Read(String target, UUID caseId, UUID residentId) {
        public static Read ofCase(String number, UUID caseId, UUID residentId) {
            return new Read("case " + number, caseId, residentId);
        }

        public static Read ofResident(UUID residentId) {
            return new Read("resident " + residentId, null, residentId);
        }
    }

    private static final String INSERT = """
            INSERT INTO read_audit (actor, actor_role, action, via, target, case_id, resident_id)
            SELECT $1, $2, $3, $4, t, c, r FROM unnest($5::text[], $6::uuid[], $7::uuid[]) AS read(t, c, r)""";

    private final Pool pool;

    public ReadAudit(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(Caller caller, Action action, Collection<Read> reads) {
        if (caller.isResident() || reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] targets = reads.stream().map(Read::target).toArray(String[]::new);
        UUID[] cases = reads.stream().map(Read::caseId).toArray(UUID[]::new);
        UUID[] residents = reads.stream().map(Read::residentId).toArray(UUID[]::new);
        Tuple row = Tuple.tuple().addString(caller.username()).addString(caller.role() == null ? null : caller.role().name())
                .addString(action.name()).addString(via()).addArrayOfString(targets).addArrayOfUUID(cases).addArrayOfUUID(residents);
        return pool.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }

    public Uni<Void> record(Caller caller, Action action, Read read) {
        return record(caller, action, java.util.List.of(read));
    }

    /** The endpoint or page the read came through, as the request named it; a worker's reads say so. */
    private static String via() {
        if (!Arc.container().requestContext().isActive()) {
            return "worker";
        }
        RoutingContext current = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        return current == null ? "worker" : current.request().method().name() + " " + current.request().path();
    }
}
