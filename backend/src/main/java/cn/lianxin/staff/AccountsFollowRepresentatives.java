package cn.lianxin.staff;

import cn.lianxin.masterdata.RepresentativeMoves;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A moved representative's staff accounts are scoped to their new workstation, in the move's transaction. */
@ApplicationScoped
public class AccountsFollowRepresentatives implements RepresentativeMoves {

    @Override
    public Uni<Void> moved(long representativeId, long workstationId) {
        return StaffAccount.update("workstationId = ?1 where representativeId = ?2", workstationId, representativeId).replaceWithVoid();
    }
}
