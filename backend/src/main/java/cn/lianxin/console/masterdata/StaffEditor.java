package cn.lianxin.console.masterdata;

import cn.lianxin.console.Labels;
import cn.lianxin.console.masterdata.FormField.Option;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.staff.StaffAccount;
import cn.lianxin.staff.StaffAccounts;
import cn.lianxin.staff.StaffResource.StaffRequest;
import cn.lianxin.staff.StaffResource.StaffUpdate;
import cn.lianxin.staff.StaffRole;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 账号: the staff who sign in, with their role and, for all but the town office, their workstation (and
 * representative). A password is set on creation and replaced on an edit only when one is typed; its hash is never
 * read here. The request is the API's create request or its update, so the form's request type is their common Object.
 */
@Singleton
class StaffEditor extends MasterDataEditor<StaffAccount, Object> {

    private static final List<Option> ROLES = Arrays.stream(StaffRole.values()).map(r -> new Option(r.name(), Labels.role(r))).toList();

    private final StaffAccounts accounts;

    StaffEditor(StaffAccounts accounts, Lookups lookups) {
        super("staff", "账号", StaffAccount.class, lookups);
        this.accounts = accounts;
    }

    @Override
    String uniqueField() {
        return "username";
    }

    @Override
    Uni<Listing> list(int page, FormState query) {
        return Choices.workstations().chain(workstations -> Choices.representatives().chain(representatives -> accounts
                .list(page(page), query.id("workstationId"), query.choice(StaffRole.class, "role")).map(p -> Listing.of(List.of("用户名", "姓名", "角色", "工作室", "党代表"),
                        p.items().stream().map(a -> new Listing.Row(a.id.toString(), List.of(a.username, a.displayName, Labels.role(a.role),
                                workstations.name(a.workstationId), representatives.name(a.representativeId)), a.active)).toList(), p))));
    }

    @Override
    Uni<List<FormField>> filters(FormState query) {
        return Choices.workstations().map(workstations -> List.of(query.select("workstationId", "工作室", false, workstations.active()),
                query.select("role", "角色", false, ROLES)));
    }

    @Override
    FormState stored(StaffAccount a) {
        return FormState.empty().put("username", a.username).put("displayName", a.displayName).put("role", a.role)
                .put("workstationId", a.workstationId).put("representativeId", a.representativeId);
    }

    @Override
    Uni<List<FormField>> fields(FormState state, boolean creating) {
        return Choices.workstations().chain(workstations -> Choices.representatives().map(representatives -> {
            List<FormField> fields = new ArrayList<>();
            fields.add(creating ? state.text("username", "用户名", true).withHint("登录用：3 到 40 个小写字母、数字或 _ . -")
                    : state.fixed("username", "用户名"));
            fields.add(state.text("displayName", "姓名", true));
            fields.add(creating ? state.password("password", "密码").withHint("至少 10 个字符")
                    : state.password("password", "新密码").withHint("不改密码请留空；新密码至少 10 个字符"));
            fields.add(state.select("role", "角色", true, ROLES));
            fields.add(state.select("workstationId", "工作室", false, workstations.active()).withHint("镇党委办公室不用选；其他角色必选"));
            fields.add(state.select("representativeId", "党代表", false, representatives.active()).withHint("组长和党代表必选，须属于所选工作室"));
            return fields;
        }));
    }

    /** A create form gives the API's create request; an edit form its update, which has no username and may have no password. */
    @Override
    Object request(FormState state, boolean creating) {
        StaffRole role = state.choice(StaffRole.class, "role");
        if (creating) {
            return new StaffRequest(state.text("username"), state.text("displayName"), state.text("password"), role,
                    state.id("workstationId"), state.id("representativeId"));
        }
        return new StaffUpdate(state.text("displayName"), state.text("password"), role, state.id("workstationId"),
                state.id("representativeId"));
    }

    @Override
    Uni<StaffAccount> create(Object request) {
        return accounts.create((StaffRequest) request);
    }

    @Override
    Uni<StaffAccount> update(String key, Object request) {
        return accounts.update(id(key), (StaffUpdate) request);
    }

    /** Deactivating an account also ends its sessions, which only the staff service does. */
    @Override
    Uni<Void> remove(String key) {
        return accounts.deactivate(id(key)).replaceWithVoid();
    }
}
