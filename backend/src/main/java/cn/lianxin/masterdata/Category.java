package cn.lianxin.masterdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** What a concern is about; its work field is what routing matches against representatives' fields. */
@Entity
public class Category extends MasterDataEntity {
    public String code;
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "work_field")
    public WorkField workField;
}
