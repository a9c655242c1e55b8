package cn.lianxin.audit;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One line of {@code read_audit}, as the searches read it; lines are only ever written by {@link ReadAudit}. */
@Entity
@Immutable
@Table(name = "read_audit")
public class AuditEntry extends PanacheEntityBase {
    @Id
    public Long id;
    public OffsetDateTime at;
    public String actor;
    @Column(name = "actor_role")
    public String actorRole;
    public String action;
    public String target;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "resident_id")
    public UUID residentId;
    public String via;
}
