package cn.lianxin.cases;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a case's record: who did what, when, on which channel, and the step it moved to. */
@Entity
@Table(name = "case_activity")
public class CaseActivity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "case_id")
    public UUID caseId;
    public OffsetDateTime at;
    public String actor;
    public String action;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public CaseState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public CaseState toState;
    public String detail;
}
