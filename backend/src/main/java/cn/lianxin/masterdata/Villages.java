package cn.lianxin.masterdata;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.VillageResource.VillageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Villages as the town office keeps them, for the API and the console alike; callers hold the session or transaction. */
@ApplicationScoped
public class Villages {

    private final Lookups lookups;

    public Villages(Lookups lookups) {
        this.lookups = lookups;
    }

    public Uni<Page<Village>> list(PageRequest page, Long constituencyId, Boolean active) {
        Filters filters = new Filters().with("constituencyId = :constituencyId", "constituencyId", constituencyId)
                .with("active = :active", "active", active);
        return Filters.page(Village.<Village>find(filters.where("name"), filters.parameters()), page, Function.identity());
    }

    public Uni<Village> create(VillageRequest request) {
        return apply(new Village(), request).chain(v -> v.<Village>persist());
    }

    public Uni<Village> update(long id, VillageRequest request) {
        return lookups.existing(Village.class, id).chain(v -> apply(v, request));
    }

    /** The village's town is its constituency's town. */
    private Uni<Village> apply(Village village, VillageRequest request) {
        return lookups.reference(Constituency.class, request.constituencyId(), "constituencyId").map(constituency -> {
            village.constituencyId = constituency.id;
            village.townId = constituency.townId;
            village.name = request.name().strip();
            return village;
        });
    }
}
