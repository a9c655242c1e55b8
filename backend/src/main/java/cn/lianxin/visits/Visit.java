package cn.lianxin.visits;

import cn.lianxin.cases.domain.Channel;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** 走访: a representative's visit to a village — whom they met and what they heard. What was raised is {@code visit_issue}. */
@Entity
public class Visit extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "representative_id")
    public long representativeId;
    @Column(name = "workstation_id")
    public long workstationId;
    @Column(name = "village_id")
    public long villageId;
    @Column(name = "visited_on")
    public LocalDate visitedOn;
    @Column(name = "met_with")
    public String metWith;
    public String summary;
    /** Where it was recorded: the console or API, or a WeCom text. */
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
