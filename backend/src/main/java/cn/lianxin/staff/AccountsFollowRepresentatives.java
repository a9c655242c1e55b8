package cn.lianxin.staff;

import cn.lianxin.masterdata.RepresentativeMoves;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A moved representative's staff accounts are scoped to their new workstation, in the move's transaction. */
@ApplicationScoped
public class AccountsFollowRepresentatives implements RepresentativeMoves {

    private final TokenVersions versions;

    public AccountsFollowRepresentatives(TokenVersions versions) {
        this.versions = versions;
    }

    /** Their tokens end too, since they carry the old workstation; raised before the update locks the rows. */
    @Override
    public Uni<Void> moved(long representativeId, long workstationId) {
        return StaffAccount.<StaffAccount>list("representativeId", representativeId)
                .chain(accounts -> Multi.createFrom().iterable(accounts)
                        .onItem().transformToUniAndConcatenate(a -> versions.end(TokenVersions.Holder.staff(a.username))).collect().last())
                .chain(() -> StaffAccount.update("workstationId = ?1 where representativeId = ?2", workstationId, representativeId))
                .replaceWithVoid();
    }
}
