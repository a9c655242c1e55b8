package cn.lianxin.console.masterdata;

import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.VillageResource.VillageRequest;
import cn.lianxin.masterdata.Villages;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/** 村: where residents live; its town is its constituency's. */
@Singleton
class VillageEditor extends MasterDataEditor<Village, VillageRequest> {

    private final Villages villages;

    VillageEditor(Villages villages, Lookups lookups) {
        super("villages", "村", Village.class, lookups);
        this.villages = villages;
    }

    @Override
    String uniqueField() {
        return "name";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return Choices.constituencies().chain(constituencies -> villages.list(page(page), query.id("constituencyId"), null).map(p -> Listing.of(
                List.of("名称", "所属选区"),
                p.items().stream().map(v -> new Listing.Row(v.id.toString(), List.of(v.name, constituencies.name(v.constituencyId)), v.active))
                        .toList(), p)));
    }

    @Override
    Uni<List<FormField>> filters(FormState query) {
        return Choices.constituencies().map(constituencies -> List.of(query.select("constituencyId", "选区", false, constituencies.active())));
    }

    @Override
    FormState stored(Village village) {
        return FormState.empty().put("constituencyId", village.constituencyId).put("name", village.name);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Choices.constituencies().map(constituencies -> List.of(
                state.select("constituencyId", "所属选区", true, constituencies.active()),
                state.text("name", "名称", true).withHint("同一镇内不能重名")));
    }

    @Override
    VillageRequest request(FormState state, boolean creating) {
        return new VillageRequest(state.id("constituencyId"), state.text("name"));
    }

    @Override
    Uni<Village> create(VillageRequest request) {
        return villages.create(request);
    }

    @Override
    Uni<Village> update(String key, VillageRequest request) {
        return villages.update(id(key), request);
    }
}
