package cn.lianxin.masterdata;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import java.util.HashSet;
import java.util.Set;

/** 党代表工作室, with the "five haves": place, signage, service theme, liaison, and (through cases) a record. */
@Entity
public class Workstation extends MasterDataEntity {
    @Column(name = "town_id")
    public Long townId;
    public String name;
    public String place;
    public String signage;
    @Column(name = "service_theme")
    public String serviceTheme;
    @Column(name = "liaison_name")
    public String liaisonName;
    @Column(name = "liaison_phone_cipher")
    public byte[] liaisonPhoneCipher;
    @Column(name = "liaison_phone_masked")
    public String liaisonPhoneMasked;

    // Eager: a workstation is never shown or routed to without the villages it covers.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "workstation_village", joinColumns = @JoinColumn(name = "workstation_id"))
    @Column(name = "village_id")
    public Set<Long> villageIds = new HashSet<>();
}
