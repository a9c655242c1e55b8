package cn.lianxin.staff;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.StaffResource.StaffRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Staff accounts as the town office keeps them, for the API and the console alike; callers hold the session or
 * transaction. The password is hashed off the event loop and never leaves this class in any form.
 */
@ApplicationScoped
public class StaffAccounts {

    private final Lookups lookups;
    private final PasswordHasher hasher;
    private final Vertx vertx;

    public StaffAccounts(Lookups lookups, PasswordHasher hasher, Vertx vertx) {
        this.lookups = lookups;
        this.hasher = hasher;
        this.vertx = vertx;
    }

    public Uni<Page<StaffAccount>> list(PageRequest page, Long workstationId, StaffRole role) {
        Filters filters = new Filters().with("workstationId = :workstationId", "workstationId", workstationId).with("role = :role", "role", role);
        return Filters.page(StaffAccount.<StaffAccount>find(filters.where("username"), filters.parameters()), page, Function.identity());
    }

    public Uni<StaffAccount> create(StaffRequest request) {
        return placement(request)
                .chain(account -> vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(request.password())))
                        .chain(hash -> {
                            account.passwordHash = hash;
                            return account.<StaffAccount>persist();
                        }));
    }

    /** Checks that the role has the workstation and representative it needs, and that they belong together. */
    private Uni<StaffAccount> placement(StaffRequest request) {
        boolean needsWorkstation = request.role() != StaffRole.TOWN_OFFICE;
        boolean needsRepresentative = request.role() == StaffRole.GROUP_LEADER || request.role() == StaffRole.REPRESENTATIVE;
        if (needsWorkstation && request.workstationId() == null) {
            return Uni.createFrom().failure(ApiException.invalidField("workstationId", "is required for the role " + request.role()));
        }
        if (needsRepresentative != (request.representativeId() != null)) {
            return Uni.createFrom().failure(ApiException.invalidField("representativeId", needsRepresentative
                    ? "is required for the role " + request.role() : "must be empty for the role " + request.role()));
        }
        return lookups.reference(Workstation.class, needsWorkstation ? request.workstationId() : null, "workstationId")
                .chain(() -> lookups.reference(Representative.class, request.representativeId(), "representativeId"))
                .map(representative -> {
                    if (representative != null && !representative.workstationId.equals(request.workstationId())) {
                        throw ApiException.invalidField("representativeId", "belongs to another workstation");
                    }
                    StaffAccount account = new StaffAccount();
                    account.username = request.username();
                    account.displayName = request.displayName().strip();
                    account.role = request.role();
                    account.workstationId = needsWorkstation ? request.workstationId() : null;
                    account.representativeId = request.representativeId();
                    return account;
                });
    }
}
