package cn.lianxin.masterdata;

import jakarta.persistence.Entity;

/** The town whose committee runs the workstations; its code prefixes every case number (SG-20261127-0042). */
@Entity
public class Town extends MasterDataEntity {
    public String code;
    public String name;
}
