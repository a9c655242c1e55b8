package cn.lianxin.staff;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.StaffResource.StaffRequest;
import cn.lianxin.staff.StaffResource.StaffUpdate;
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
    private final TokenVersions versions;

    public StaffAccounts(Lookups lookups, PasswordHasher hasher, Vertx vertx, TokenVersions versions) {
        this.lookups = lookups;
        this.hasher = hasher;
        this.vertx = vertx;
        this.versions = versions;
    }

    public Uni<Page<StaffAccount>> list(PageRequest page, Long workstationId, StaffRole role) {
        Filters filters = new Filters().with("workstationId = :workstationId", "workstationId", workstationId).with("role = :role", "role", role);
        return Filters.page(StaffAccount.<StaffAccount>find(filters.where("username"), filters.parameters()), page, Function.identity());
    }

    public Uni<StaffAccount> create(StaffRequest request) {
        StaffAccount account = new StaffAccount();
        account.username = request.username();
        return place(account, request.displayName(), request.role(), request.workstationId(), request.representativeId())
                .chain(placed -> hash(request.password()).chain(hash -> {
                    placed.passwordHash = hash;
                    return placed.<StaffAccount>persist();
                }));
    }

    /**
     * Changes who an account is and where it works; the username stays, the password changes only when one is given.
     * The account's tokens end, since they carry its old role and scope.
     */
    public Uni<StaffAccount> update(long id, StaffUpdate request) {
        return lookups.existing(StaffAccount.class, id)
                .chain(account -> place(account, request.displayName(), request.role(), request.workstationId(), request.representativeId()))
                .chain(account -> request.password() == null ? Uni.createFrom().item(account)
                        : hash(request.password()).map(hash -> {
                            account.passwordHash = hash;
                            return account;
                        }))
                .call(this::endTokens);
    }

    /** The account can no longer sign in, and the tokens it has are refused from their next request on. */
    public Uni<StaffAccount> deactivate(long id) {
        return lookups.deactivate(StaffAccount.class, id).call(this::endTokens);
    }

    // Before the caller's transaction writes the row: the version is raised on a connection of its own, which
    // would otherwise wait for that transaction's row lock.
    private Uni<Void> endTokens(StaffAccount account) {
        return versions.end(TokenVersions.Holder.staff(account.username));
    }

    private Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(password)));
    }

    /** Checks that the role has the workstation and representative it needs, and that they belong together. */
    private Uni<StaffAccount> place(StaffAccount account, String displayName, StaffRole role, Long workstationId, Long representativeId) {
        boolean needsWorkstation = role != StaffRole.TOWN_OFFICE;
        boolean needsRepresentative = role == StaffRole.GROUP_LEADER || role == StaffRole.REPRESENTATIVE;
        if (needsWorkstation && workstationId == null) {
            return Uni.createFrom().failure(ApiException.invalidField("workstationId", "is required for the role " + role));
        }
        if (needsRepresentative != (representativeId != null)) {
            return Uni.createFrom().failure(ApiException.invalidField("representativeId", needsRepresentative
                    ? "is required for the role " + role : "must be empty for the role " + role));
        }
        return lookups.reference(Workstation.class, needsWorkstation ? workstationId : null, "workstationId")
                .chain(() -> lookups.reference(Representative.class, representativeId, "representativeId"))
                .map(representative -> {
                    if (representative != null && !representative.workstationId.equals(workstationId)) {
                        throw ApiException.invalidField("representativeId", "belongs to another workstation");
                    }
                    account.displayName = displayName.strip();
                    account.role = role;
                    account.workstationId = needsWorkstation ? workstationId : null;
                    account.representativeId = representativeId;
                    return account;
                });
    }
}
