package cn.lianxin.broadcasts;

import cn.lianxin.broadcasts.domain.BroadcastFacts;
import cn.lianxin.broadcasts.domain.BroadcastState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** 政策解读: a policy explanation, who it is for, on which channels, and where it is in its lifecycle. */
@Entity
public class Broadcast extends PanacheEntityBase implements BroadcastFacts {
    @Id
    public UUID id;
    @Column(name = "town_id")
    public Long townId;
    public String title;
    public String summary;
    public String body;
    /** Files uploaded through the attachments context, shown under the policy. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "attachment_ids")
    public String[] attachmentIds = new String[0];
    @Column(name = "audience_all")
    public boolean audienceAll;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "village_ids")
    public Long[] villageIds = new Long[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "constituency_ids")
    public Long[] constituencyIds = new Long[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "category_ids")
    public Long[] categoryIds = new Long[0];
    /** The channels the office chose, as {@code DeliveryChannel} names. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] channels;
    @Enumerated(EnumType.STRING)
    public BroadcastState state;
    /** When it goes out once approved; null: at approval. */
    @Column(name = "scheduled_at")
    public OffsetDateTime scheduledAt;
    public String author;
    public String approver;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;
    @Column(name = "sending_at")
    public OffsetDateTime sendingAt;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    @Version
    public long version;

    @Override
    public BroadcastState state() {
        return state;
    }

    @Override
    public String author() {
        return author;
    }
}
