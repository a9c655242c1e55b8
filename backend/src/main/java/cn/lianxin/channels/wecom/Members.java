package cn.lianxin.channels.wecom;

import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffAccount;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who a WeCom user id is to us: an active representative with that id in master data (wecom_user_id) whose
 * active staff account is linked to them. They act with that account's role, workstation and representative —
 * exactly the caller their console token would give — so WeCom grants nothing the API would not.
 */
@ApplicationScoped
class Members {

    record Member(Representative representative, StaffAccount account, Caller caller) {
    }

    /** The member, or null for anyone else (unknown id, inactive, or no staff account yet). */
    Uni<Member> byUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return Representative.<Representative>find("wecomUserId = ?1 and active = true", userId).firstResult().chain(Members::of);
    }

    /** The same for a representative named by id (the workbench's sandbox sign-in): null unless active with an active account. */
    Uni<Member> byRepresentativeId(long representativeId) {
        return Representative.<Representative>find("id = ?1 and active = true", representativeId).firstResult().chain(Members::of);
    }

    private static Uni<Member> of(Representative rep) {
        return rep == null ? Uni.createFrom().nullItem()
                : StaffAccount.<StaffAccount>find("representativeId = ?1 and active = true", rep.id).firstResult()
                        .chain(account -> account == null ? Uni.createFrom().<Member>nullItem()
                                : Workstation.<Workstation>findById(account.workstationId).map(ws -> new Member(rep, account,
                                        new Caller(account.username, account.role, ws == null ? null : ws.townId,
                                                account.workstationId, account.representativeId, null))));
    }
}
