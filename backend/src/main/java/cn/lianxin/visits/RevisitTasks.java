package cn.lianxin.visits;

import cn.lianxin.cases.domain.RevisitOutcome;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The revisit tasks a caller may see, 不满意 first, then by due date. A task is DONE once its case has a revisit that
 * reached the resident (read from the case, where the REVISIT command records it), OVERDUE after its due day.
 */
@ApplicationScoped
public class RevisitTasks {

    public enum Status { DUE, OVERDUE, DONE }

    public record Task(UUID caseId, String number, String text, Long representativeId, String representative, Long workstationId,
            String reason, boolean unsatisfied, LocalDate dueOn, Status status, RevisitOutcome outcome, OffsetDateTime revisitedAt) {
    }

    private static final String STATUS = "CASE WHEN c.revisit_outcome IN ('CARRIED_OUT', 'NOT_CARRIED_OUT') THEN 'DONE'"
            + " WHEN t.due_on < :today THEN 'OVERDUE' ELSE 'DUE' END";
    private static final int LIMIT = 500;

    private final VisitRecords records;

    RevisitTasks(VisitRecords records) {
        this.records = records;
    }

    public Uni<List<Task>> list(Caller caller, Long representativeId, Status status) {
        Map<String, Object> parameters = new HashMap<>(VisitScope.parameters(caller));
        parameters.put("today", records.today());
        StringBuilder where = new StringBuilder(VisitScope.condition(caller, "t.workstation_id", "t.representative_id"));
        if (representativeId != null) {
            where.append(" AND t.representative_id = :representative");
            parameters.put("representative", representativeId);
        }
        if (status != null) {
            where.append(" AND ").append(STATUS).append(" = :status");
            parameters.put("status", status.name());
        }
        String sql = "SELECT t.case_id, c.number, c.text, t.representative_id, r.name, t.workstation_id, t.reason, t.unsatisfied, t.due_on, "
                + STATUS + ", c.revisit_outcome, c.revisited_at FROM revisit_task t JOIN cases c ON c.id = t.case_id"
                + " LEFT JOIN representative r ON r.id = t.representative_id WHERE " + where
                + " ORDER BY t.unsatisfied DESC, t.due_on, c.number LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(RevisitTasks::task).toList());
    }

    private static Task task(Object[] row) {
        return new Task((UUID) row[0], (String) row[1], (String) row[2], row[3] == null ? null : ((Number) row[3]).longValue(),
                (String) row[4], row[5] == null ? null : ((Number) row[5]).longValue(), (String) row[6], (Boolean) row[7],
                (LocalDate) row[8], Status.valueOf((String) row[9]), row[10] == null ? null : RevisitOutcome.valueOf((String) row[10]),
                (OffsetDateTime) row[11]);
    }
}
