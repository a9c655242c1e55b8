package cn.lianxin.console.masterdata;

import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Town;
import cn.lianxin.masterdata.TownResource.TownRequest;
import cn.lianxin.masterdata.Towns;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/** 镇: the town's code prefixes every case number. The API offers no deactivation of a town. */
@Singleton
class TownEditor extends MasterDataEditor<Town, TownRequest> {

    private final Towns towns;

    TownEditor(Towns towns, Lookups lookups) {
        super("towns", "镇", Town.class, lookups);
        this.towns = towns;
    }

    @Override
    String uniqueField() {
        return "code";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return towns.list(page(page)).map(p -> Listing.of(List.of("编码", "名称"),
                p.items().stream().map(t -> new Listing.Row(t.id.toString(), List.of(t.code, t.name), t.active)).toList(), p));
    }

    @Override
    FormState stored(Town town) {
        return FormState.empty().put("code", town.code).put("name", town.name);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Uni.createFrom().item(List.of(
                state.text("code", "编码", true).withHint("2 到 6 个大写字母，如 SG；是诉求编号的前缀"),
                state.text("name", "名称", true)));
    }

    @Override
    TownRequest request(FormState state, boolean creating) {
        return new TownRequest(state.text("code"), state.text("name"));
    }

    @Override
    Uni<Town> create(TownRequest request) {
        return towns.create(request);
    }

    @Override
    Uni<Town> update(String key, TownRequest request) {
        return towns.update(id(key), request);
    }

    @Override
    Removal removal() {
        return Removal.NONE;
    }
}
