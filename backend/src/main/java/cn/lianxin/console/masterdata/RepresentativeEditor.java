package cn.lianxin.console.masterdata;

import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.RepresentativeResource.RepresentativeRequest;
import cn.lianxin.masterdata.Representatives;
import cn.lianxin.masterdata.WorkField;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** 党代表: placed at a workstation, answerable for contact villages (包抓联系点), matched on fields and specialties. */
@Singleton
class RepresentativeEditor extends MasterDataEditor<Representative, RepresentativeRequest> {

    private final Representatives representatives;

    RepresentativeEditor(Representatives representatives, Lookups lookups) {
        super("representatives", "党代表", Representative.class, lookups);
        this.representatives = representatives;
    }

    @Override
    String uniqueField() {
        return "wecomUserId";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return Choices.workstations().chain(workstations -> Choices.villages().chain(villages -> representatives.list(page(page), query.id("workstationId"), null)
                .map(p -> Listing.of(List.of("姓名", "工作室", "工作领域", "专长", "联系村", "组长"),
                        p.items().stream().map(r -> new Listing.Row(r.id.toString(), List.of(r.name, workstations.name(r.workstationId),
                                Arrays.stream(r.workFields).map(WorkField::labelOf).collect(Collectors.joining("、")),
                                String.join("、", r.specialties), villages.names(r.contactVillageIds), r.groupLeader ? "组长" : ""),
                                r.active)).toList(), p))));
    }

    @Override
    Uni<List<FormField>> filters(FormState query) {
        return Choices.workstations().map(workstations -> List.of(query.select("workstationId", "工作室", false, workstations.active())));
    }

    @Override
    FormState stored(Representative r) {
        return FormState.empty().put("name", r.name).put("workstationId", r.workstationId).put("constituencyId", r.constituencyId)
                .put("residenceVillageId", r.residenceVillageId).putAll("workFields", Arrays.asList(r.workFields))
                .put("specialties", String.join("、", r.specialties)).putAll("contactVillageIds", r.contactVillageIds)
                .put("wecomUserId", r.wecomUserId).put("groupLeader", r.groupLeader ? "true" : null).put("photoUrl", r.photoUrl)
                .put("receptionSchedule", r.receptionSchedule);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Choices.workstations().chain(workstations -> Choices.constituencies().chain(constituencies -> Choices.villages()
                .map(villages -> {
                    List<FormField> fields = new ArrayList<>();
                    fields.add(state.text("name", "姓名", true));
                    fields.add(state.select("workstationId", "工作室", true, workstations.active()));
                    fields.add(state.select("constituencyId", "选区", true, constituencies.active()));
                    fields.add(state.select("residenceVillageId", "居住村", false, villages.active()).withHint("选填；派单时优先本村的代表"));
                    fields.add(state.checks("workFields", "工作领域", CategoryEditor.WORK_FIELDS));
                    fields.add(state.text("specialties", "专长", false).withHint("用顿号或逗号分隔，最多 10 项，如：农技、法律"));
                    fields.add(state.checks("contactVillageIds", "联系村（包抓联系点）", villages.active()));
                    fields.add(state.check("groupLeader", "组长（接收请示和上报）"));
                    fields.add(state.text("wecomUserId", "企业微信账号", false).withHint("选填；企业微信通讯录里的账号，用于推送待办"));
                    fields.add(state.text("receptionSchedule", "接待时间（公开）", false).withHint("如：每月10日上午 党群服务中心"));
                    fields.add(state.text("photoUrl", "照片地址（公开）", false));
                    return fields;
                })));
    }

    @Override
    RepresentativeRequest request(FormState state, boolean creating) {
        return new RepresentativeRequest(state.text("name"), state.id("workstationId"), state.id("constituencyId"),
                state.id("residenceVillageId"), state.choices(WorkField.class, "workFields"), state.list("specialties"),
                state.ids("contactVillageIds"), state.text("wecomUserId"), state.flag("groupLeader"), state.text("photoUrl"),
                state.text("receptionSchedule"));
    }

    @Override
    Uni<Representative> create(RepresentativeRequest request) {
        return representatives.create(request);
    }

    @Override
    Uni<Representative> update(String key, RepresentativeRequest request) {
        return representatives.update(id(key), request);
    }
}
