package cn.lianxin.bookings;

import cn.lianxin.bookings.domain.BookingFacts;
import cn.lianxin.bookings.domain.BookingState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A hold or a booking of one representative's reception slot (V45). The table's exclusion constraint, not this
 * class, keeps two live ones of a representative from overlapping; the slot column is generated from the times.
 */
@Entity
@Table(name = "booking")
public class Booking extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "representative_id")
    public long representativeId;
    @Column(name = "workstation_id")
    public long workstationId;
    @Column(name = "resident_id")
    public UUID residentId;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    @Enumerated(EnumType.STRING)
    public BookingState state;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    public String topic;
    @Column(name = "category_id")
    public Long categoryId;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "booked_by")
    public String bookedBy;
    @Column(name = "rescheduled_from")
    public UUID rescheduledFrom;
    public String notes;
    /** PENDING (its meeting to be opened), OPEN, PARKED; null for holds and bookings that need none. */
    @Column(name = "meeting_status")
    public String meetingStatus;
    @Column(name = "meeting_attempts")
    public int meetingAttempts;
    @Column(name = "meeting_error")
    public String meetingError;
    @Column(name = "meeting_next_at")
    public OffsetDateTime meetingNextAt;
    @Column(name = "meeting_id")
    public String meetingId;
    @Column(name = "meeting_code")
    public String meetingCode;
    @Column(name = "join_url")
    public String joinUrl;
    @Column(name = "representative_seconds")
    public Integer representativeSeconds;
    @Column(name = "resident_seconds")
    public Integer residentSeconds;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** A booked call needs its meeting: the meeting worker opens it as soon as it can. */
    void needsMeeting(OffsetDateTime now) {
        meetingStatus = Meetings.PENDING;
        meetingNextAt = now;
    }

    public BookingFacts facts() {
        return new BookingFacts(state, residentId, representativeId, workstationId, startsAt.toInstant(), endsAt.toInstant(),
                expiresAt.toInstant());
    }
}
