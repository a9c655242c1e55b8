package cn.lianxin.staff;

import cn.lianxin.masterdata.MasterDataEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

@Entity
@Table(name = "staff_account")
public class StaffAccount extends MasterDataEntity {
    public String username;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "password_hash")
    public String passwordHash;
    @Enumerated(EnumType.STRING)
    public StaffRole role;
    @Column(name = "workstation_id")
    public Long workstationId;
    @Column(name = "representative_id")
    public Long representativeId;
    // The lockout's columns (failed_logins, failures_since, locked_until) are LoginAttempts' alone: an entity
    // written back with stale values would undo a concurrent count or lift a lock.
}
