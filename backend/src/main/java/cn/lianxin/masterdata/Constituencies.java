package cn.lianxin.masterdata;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.ConstituencyResource.ConstituencyRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Constituencies as the town office keeps them, for the API and the console alike; callers hold the session or transaction. */
@ApplicationScoped
public class Constituencies {

    private final Lookups lookups;

    public Constituencies(Lookups lookups) {
        this.lookups = lookups;
    }

    public Uni<Page<Constituency>> list(PageRequest page, Long townId, Boolean active) {
        Filters filters = new Filters().with("townId = :townId", "townId", townId).with("active = :active", "active", active);
        return Filters.page(Constituency.<Constituency>find(filters.where("name"), filters.parameters()), page, Function.identity());
    }

    public Uni<Constituency> create(ConstituencyRequest request) {
        return apply(new Constituency(), request).chain(c -> c.<Constituency>persist());
    }

    public Uni<Constituency> update(long id, ConstituencyRequest request) {
        return lookups.existing(Constituency.class, id).chain(c -> apply(c, request));
    }

    private Uni<Constituency> apply(Constituency constituency, ConstituencyRequest request) {
        return lookups.reference(Town.class, request.townId(), "townId").map(town -> {
            constituency.townId = town.id;
            constituency.name = request.name().strip();
            return constituency;
        });
    }
}
