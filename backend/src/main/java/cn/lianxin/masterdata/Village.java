package cn.lianxin.masterdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;

@Entity
public class Village extends MasterDataEntity {
    @Column(name = "town_id")
    public Long townId;
    @Column(name = "constituency_id")
    public Long constituencyId;
    public String name;
}
