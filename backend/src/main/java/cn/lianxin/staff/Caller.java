package cn.lianxin.staff;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who acts: a signed-in staff member, as their token describes them (who, which role, which workstation and which
 * representative they are), or a resident acting on their own cases through their channel — who has no staff role
 * ({@code role} is null) and is known by {@code residentId}. Every case query and command is scoped by this.
 */
public record Caller(String username, StaffRole role, Long townId, Long workstationId, Long representativeId, UUID residentId) {

    static final String WORKSTATION_CLAIM = "ws";
    static final String REPRESENTATIVE_CLAIM = "rep";
    static final String TOWN_CLAIM = "town";

    public static Caller of(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new IllegalStateException("callers are identified by our own tokens");
        }
        StaffRole role = identity.getRoles().stream().map(StaffRole::valueOf).findFirst()
                .orElseThrow(() -> new IllegalStateException("a token without a role"));
        return new Caller(token.getName(), role, longClaim(token, TOWN_CLAIM), longClaim(token, WORKSTATION_CLAIM),
                longClaim(token, REPRESENTATIVE_CLAIM), null);
    }

    /** A resident acting through their channel; {@code label} names them on the case's record (masked). */
    public static Caller resident(UUID residentId, String label) {
        return new Caller(label, null, null, null, null, residentId);
    }

    private static Long longClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? null : Long.valueOf(value.toString());
    }

    public boolean is(StaffRole r) {
        return role == r;
    }

    /** A resident, not staff: sees only their own cases. */
    public boolean isResident() {
        return residentId != null;
    }
}
