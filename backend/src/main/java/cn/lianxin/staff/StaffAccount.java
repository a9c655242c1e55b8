package cn.lianxin.staff;

import cn.lianxin.masterdata.MasterDataEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

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
    @Column(name = "failed_logins")
    public int failedLogins;
    @Column(name = "locked_until")
    public OffsetDateTime lockedUntil;
}
