package cn.lianxin.masterdata;

import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.TownResource.TownRequest;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/** Towns as the town office keeps them, for the API and the console alike; callers hold the session or transaction. */
@ApplicationScoped
public class Towns {

    private final Lookups lookups;

    public Towns(Lookups lookups) {
        this.lookups = lookups;
    }

    public Uni<Page<Town>> list(PageRequest page) {
        return Filters.page(Town.<Town>findAll(Sort.by("name")), page, Function.identity());
    }

    public Uni<Town> create(TownRequest request) {
        Town town = new Town();
        apply(town, request);
        return town.persist();
    }

    public Uni<Town> update(long id, TownRequest request) {
        return lookups.existing(Town.class, id).invoke(t -> apply(t, request));
    }

    private static void apply(Town town, TownRequest request) {
        town.code = request.code();
        town.name = request.name().strip();
    }
}
