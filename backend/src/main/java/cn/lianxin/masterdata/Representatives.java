package cn.lianxin.masterdata;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.RepresentativeResource.RepresentativeRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Representatives as the town office keeps them, for the API and the console alike; callers hold the session or transaction. */
@ApplicationScoped
public class Representatives {

    private final Lookups lookups;
    private final RepresentativeMoves moves;

    public Representatives(Lookups lookups, RepresentativeMoves moves) {
        this.lookups = lookups;
        this.moves = moves;
    }

    public Uni<Page<Representative>> list(PageRequest page, Long workstationId, Boolean active) {
        Filters filters = new Filters().with("workstationId = :workstationId", "workstationId", workstationId)
                .with("active = :active", "active", active);
        return Filters.page(Representative.<Representative>find(filters.where("name"), filters.parameters()), page, Function.identity());
    }

    public Uni<Representative> create(RepresentativeRequest request) {
        return apply(new Representative(), request).chain(r -> r.<Representative>persist());
    }

    /**
     * A representative moved to another workstation takes their staff accounts' scope along, in the same
     * transaction: an account left on the old workstation would keep its cases and lose their own.
     */
    public Uni<Representative> update(long id, RepresentativeRequest request) {
        return lookups.existing(Representative.class, id).chain(r -> {
            Long before = r.workstationId;
            return apply(r, request).call(moved -> moved.workstationId.equals(before) ? Uni.createFrom().voidItem()
                    : moves.moved(moved.id, moved.workstationId));
        });
    }

    private Uni<Representative> apply(Representative representative, RepresentativeRequest request) {
        return lookups.reference(Workstation.class, request.workstationId(), "workstationId")
                .call(() -> lookups.reference(Constituency.class, request.constituencyId(), "constituencyId"))
                .call(() -> lookups.reference(Village.class, request.residenceVillageId(), "residenceVillageId"))
                .call(() -> lookups.references(Village.class, request.contactVillageIds(), "contactVillageIds"))
                .map(workstation -> {
                    representative.name = request.name().strip();
                    representative.workstationId = workstation.id;
                    representative.constituencyId = request.constituencyId();
                    representative.residenceVillageId = request.residenceVillageId();
                    representative.workFields = request.workFields().stream().map(Enum::name).sorted().toArray(String[]::new);
                    representative.specialties = request.specialties().stream().map(String::strip).toArray(String[]::new);
                    representative.wecomUserId = request.wecomUserId();
                    representative.groupLeader = request.groupLeader();
                    representative.photoUrl = request.photoUrl();
                    representative.receptionSchedule = request.receptionSchedule();
                    representative.contactVillageIds.clear();
                    representative.contactVillageIds.addAll(request.contactVillageIds());
                    return representative;
                });
    }
}
