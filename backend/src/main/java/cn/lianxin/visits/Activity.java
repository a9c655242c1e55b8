package cn.lianxin.visits;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** One entry of a workstation's activity record (五有之一): what was held, when, where, who attended, the minutes. */
@Entity
@Table(name = "workstation_activity")
public class Activity extends PanacheEntityBase {

    /** 接待日 / 学习研讨 / 调研视察 / 征询意见. */
    public enum Kind {
        RECEPTION("接待日"), STUDY("学习研讨"), RESEARCH("调研视察"), CONSULTATION("征询意见");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Id
    public UUID id;
    @Column(name = "workstation_id")
    public long workstationId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "held_on")
    public LocalDate heldOn;
    public String place;
    public String title;
    public String minutes;
    @Column(name = "other_attendees")
    public String otherAttendees;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "workstation_activity_attendee", joinColumns = @JoinColumn(name = "activity_id"))
    @Column(name = "representative_id")
    public Set<Long> representativeIds = new HashSet<>();
}
