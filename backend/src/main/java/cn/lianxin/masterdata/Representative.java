package cn.lianxin.masterdata;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** 党代表: placed at one workstation, answerable for contact villages (包抓联系点), matched on fields and specialties. */
@Entity
public class Representative extends MasterDataEntity {
    @Column(name = "workstation_id")
    public Long workstationId;
    @Column(name = "constituency_id")
    public Long constituencyId;
    @Column(name = "residence_village_id")
    public Long residenceVillageId;
    public String name;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "work_fields")
    public String[] workFields = new String[0];
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] specialties = new String[0];
    @Column(name = "wecom_user_id")
    public String wecomUserId;
    @Column(name = "group_leader")
    public boolean groupLeader;
    @Column(name = "photo_url")
    public String photoUrl;
    /** When and where they receive residents, as the workstation announces it (e.g. 每月10日上午 党群服务中心). */
    @Column(name = "reception_schedule")
    public String receptionSchedule;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "representative_contact_village", joinColumns = @JoinColumn(name = "representative_id"))
    @Column(name = "village_id")
    public Set<Long> contactVillageIds = new HashSet<>();
}
