package cn.lianxin.masterdata;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.WorkstationResource.WorkstationRequest;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.PhoneNumber;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Workstations and their 五有 as the town office keeps them, for the API and the console alike; callers hold the
 * session or transaction. The liaison's phone is kept sealed, and only its masked form is ever shown.
 */
@ApplicationScoped
public class Workstations {

    private final Lookups lookups;
    private final PhoneVault phones;

    public Workstations(Lookups lookups, PhoneVault phones) {
        this.lookups = lookups;
        this.phones = phones;
    }

    public Uni<Page<Workstation>> list(PageRequest page, Long villageId, Boolean active) {
        Filters filters = new Filters().with(":villageId member of villageIds", "villageId", villageId).with("active = :active", "active", active);
        return Filters.page(Workstation.<Workstation>find(filters.where("name"), filters.parameters()), page, Function.identity());
    }

    public Uni<Workstation> create(WorkstationRequest request) {
        return apply(new Workstation(), request).chain(w -> w.<Workstation>persist());
    }

    public Uni<Workstation> update(long id, WorkstationRequest request) {
        return lookups.existing(Workstation.class, id).chain(w -> apply(w, request));
    }

    private Uni<Workstation> apply(Workstation workstation, WorkstationRequest request) {
        PhoneVault.Sealed liaisonPhone = request.liaisonPhone() == null ? null
                : phones.seal(PhoneNumber.parse(request.liaisonPhone())
                        .orElseThrow(() -> ApiException.invalidField("liaisonPhone", "must be a mainland China mobile number")));
        return lookups.reference(Town.class, request.townId(), "townId")
                .call(() -> lookups.references(Village.class, request.villageIds(), "villageIds"))
                .map(town -> {
                    workstation.townId = town.id;
                    workstation.name = request.name().strip();
                    workstation.place = request.place().strip();
                    workstation.signage = request.signage().strip();
                    workstation.serviceTheme = request.serviceTheme().strip();
                    workstation.liaisonName = request.liaisonName().strip();
                    workstation.liaisonPhoneCipher = liaisonPhone == null ? null : liaisonPhone.cipher();
                    workstation.liaisonPhoneMasked = liaisonPhone == null ? null : liaisonPhone.masked();
                    workstation.villageIds.clear();
                    workstation.villageIds.addAll(request.villageIds());
                    return workstation;
                });
    }
}
