package cn.lianxin.masterdata;

import io.smallrye.mutiny.Uni;

/**
 * What else must follow a representative to another workstation, inside the move's own transaction. The staff
 * package implements it (their accounts' scope), so that master data needs to know nothing of accounts.
 */
public interface RepresentativeMoves {

    Uni<Void> moved(long representativeId, long workstationId);
}
