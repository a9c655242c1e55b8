package cn.lianxin.console.masterdata;

import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.masterdata.WorkstationResource.WorkstationRequest;
import cn.lianxin.masterdata.Workstations;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * 党代表工作室 with its 五有: a place (有场所), signage (有标识), a service theme (有主题), a liaison (有联络员), and the
 * villages it covers (the fifth, 有记录, is its cases). The liaison's phone is stored sealed: an edit form shows it
 * masked and leaves it empty, so saving without typing a number clears it, as a PUT of the API does.
 */
@Singleton
class WorkstationEditor extends MasterDataEditor<Workstation, WorkstationRequest> {

    private final Workstations workstations;

    WorkstationEditor(Workstations workstations, Lookups lookups) {
        super("workstations", "工作室", Workstation.class, lookups);
        this.workstations = workstations;
    }

    @Override
    String uniqueField() {
        return "name";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return Choices.villages().chain(villages -> workstations.list(page(page), query.id("villageId"), null).map(p -> Listing.of(
                List.of("名称", "场所", "标识", "服务主题", "联络员", "覆盖的村"),
                p.items().stream().map(w -> new Listing.Row(w.id.toString(), List.of(w.name, w.place, w.signage, w.serviceTheme,
                        w.liaisonName + (w.liaisonPhoneMasked == null ? "" : " " + w.liaisonPhoneMasked), villages.names(w.villageIds)),
                        w.active)).toList(), p)));
    }

    @Override
    Uni<List<FormField>> filters(FormState query) {
        return Choices.villages().map(villages -> List.of(query.select("villageId", "覆盖的村", false, villages.active())));
    }

    @Override
    FormState stored(Workstation w) {
        return FormState.empty().put("townId", w.townId).put("name", w.name).put("place", w.place).put("signage", w.signage)
                .put("serviceTheme", w.serviceTheme).put("liaisonName", w.liaisonName).putAll("villageIds", w.villageIds)
                .put("liaisonPhoneMasked", w.liaisonPhoneMasked);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Choices.towns().chain(towns -> Choices.villages().map(villages -> {
            String masked = state.text("liaisonPhoneMasked");
            return List.of(
                    state.select("townId", "所属镇", true, towns.active()),
                    state.text("name", "名称", true).withHint("同一镇内不能重名"),
                    state.text("place", "场所（有场所）", true).withHint("如：党群服务中心二楼"),
                    state.text("signage", "标识（有标识）", true).withHint("门牌上的字，如：党代表工作室"),
                    state.text("serviceTheme", "服务主题（有主题）", true),
                    state.text("liaisonName", "联络员（有联络员）", true),
                    state.text("liaisonPhone", "联络员手机", false).withHint(masked == null ? "选填"
                            : "现为 " + masked + "；保存时不填即清除，要保留请重新填写"),
                    state.checks("villageIds", "覆盖的村（至少一个）", villages.active()));
        }));
    }

    @Override
    WorkstationRequest request(FormState state, boolean creating) {
        return new WorkstationRequest(state.id("townId"), state.text("name"), state.text("place"), state.text("signage"),
                state.text("serviceTheme"), state.text("liaisonName"), state.text("liaisonPhone"), state.ids("villageIds"));
    }

    @Override
    Uni<Workstation> create(WorkstationRequest request) {
        return workstations.create(request);
    }

    @Override
    Uni<Workstation> update(String key, WorkstationRequest request) {
        return workstations.update(id(key), request);
    }
}
