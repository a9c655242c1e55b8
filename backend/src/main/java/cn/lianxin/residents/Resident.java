package cn.lianxin.residents;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One person, however they reach us: a phone number (SMS, walk-in), a mini-program openid/unionid. The channels
 * merge into this one row so that a resident keeps one case history.
 */
@Entity
public class Resident extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "village_id")
    public Long villageId;
    @Column(name = "phone_hash")
    public byte[] phoneHash;
    @Column(name = "phone_cipher")
    public byte[] phoneCipher;
    @Column(name = "phone_masked")
    public String phoneMasked;
    public String openid;
    public String unionid;
    /** Said R/TD/退订: no more broadcasts by SMS; answers to their own concerns still reach them. */
    @Column(name = "sms_opted_out")
    public boolean smsOptedOut;
    /** Set on a mini-program identity merged into the resident already known by its phone number. */
    @Column(name = "merged_into")
    public UUID mergedInto;
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        createdAt = OffsetDateTime.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = OffsetDateTime.now();
    }
}
