package cn.lianxin.channels.miniprogram;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A photo a resident uploaded: where it lies under the uploads directory, what it is, and its checksum. */
@Entity
public class Upload extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "resident_id")
    public UUID residentId;
    /** Set when a submitted case takes the photo; a photo belongs to one case. */
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "content_type")
    public String contentType;
    public long size;
    public String sha256;
    /** Relative to {@code lianxin.uploads.directory}, so the directory can move. */
    public String path;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
