package cn.lianxin.masterdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** 选区: the electoral area a village and a representative belong to. */
@Entity
public class Constituency extends MasterDataEntity {
    @Column(name = "town_id")
    public Long townId;
    public String name;
}
