package cn.lianxin.console.masterdata;

import cn.lianxin.masterdata.Constituencies;
import cn.lianxin.masterdata.Constituency;
import cn.lianxin.masterdata.ConstituencyResource.ConstituencyRequest;
import cn.lianxin.masterdata.Lookups;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/** 选区: the electoral areas of a town. */
@Singleton
class ConstituencyEditor extends MasterDataEditor<Constituency, ConstituencyRequest> {

    private final Constituencies constituencies;

    ConstituencyEditor(Constituencies constituencies, Lookups lookups) {
        super("constituencies", "选区", Constituency.class, lookups);
        this.constituencies = constituencies;
    }

    @Override
    String uniqueField() {
        return "name";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return Choices.towns().chain(towns -> constituencies.list(page(page), query.id("townId"), null).map(p -> Listing.of(List.of("名称", "所属镇"),
                p.items().stream().map(c -> new Listing.Row(c.id.toString(), List.of(c.name, towns.name(c.townId)), c.active)).toList(), p)));
    }

    @Override
    Uni<List<FormField>> filters(FormState query) {
        return Choices.towns().map(towns -> List.of(query.select("townId", "镇", false, towns.active())));
    }

    @Override
    FormState stored(Constituency constituency) {
        return FormState.empty().put("townId", constituency.townId).put("name", constituency.name);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Choices.towns().map(towns -> List.of(
                state.select("townId", "所属镇", true, towns.active()),
                state.text("name", "名称", true).withHint("同一镇内不能重名")));
    }

    @Override
    ConstituencyRequest request(FormState state, boolean creating) {
        return new ConstituencyRequest(state.id("townId"), state.text("name"));
    }

    @Override
    Uni<Constituency> create(ConstituencyRequest request) {
        return constituencies.create(request);
    }

    @Override
    Uni<Constituency> update(String key, ConstituencyRequest request) {
        return constituencies.update(id(key), request);
    }
}
