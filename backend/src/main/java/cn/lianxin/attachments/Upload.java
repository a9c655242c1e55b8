package cn.lianxin.attachments;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored file: a photo a resident uploaded, or an attachment a staff member uploaded for a reply. Where it lies
 * under the uploads directory, what it is, its checksum, and its one owner (resident or staff member).
 */
@Entity
public class Upload extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "resident_id")
    public UUID residentId;
    @Column(name = "staff_username")
    public String staffUsername;
    /** Set when a submitted case takes the photo, or a reply the attachment; an upload belongs to one case. */
    @Column(name = "case_id")
    public UUID caseId;
    /** Set when a visit record takes a staff member's photo; an upload joins one case or one visit. */
    @Column(name = "visit_id")
    public UUID visitId;
    /** The reply's line in the case's record, for a staff attachment. */
    @Column(name = "activity_id")
    public Long activityId;
    @Column(name = "content_type")
    public String contentType;
    public long size;
    public String sha256;
    /** Relative to {@code lianxin.uploads.directory}, so the directory can move. */
    public String path;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    /** WeChat's content check of a resident's photo: its trace_id, then its verdict (pass, review, risky) and label. */
    @Column(name = "media_trace_id")
    public String mediaTraceId;
    @Column(name = "media_suggest")
    public String mediaSuggest;
    @Column(name = "media_label")
    public String mediaLabel;
    /** Found risky and not released by the town office: staff do not see it. */
    public boolean hidden;
    @Column(name = "reviewed_by")
    public String reviewedBy;
    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;
}
