package cn.lianxin.staff;

import cn.lianxin.api.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a token whose session version is no longer its holder's (see {@link TokenVersions}): signed out,
 * deactivated, changed or erased since it was issued, or this very token signed out. A token without a version
 * predates them and is refused too.
 */
@ApplicationScoped
public class TokenVersionCheck implements SecurityIdentityAugmentor {

    private final TokenVersions versions;

    public TokenVersionCheck(TokenVersions versions) {
        this.versions = versions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return versions.holds(holder(identity, token), token.getClaim(TokenVersions.CLAIM), token.getTokenID()).map(holds -> {
            if (!holds) {
                throw new AuthenticationFailedException("the session has ended");
            }
            return identity;
        });
    }

    static TokenVersions.Holder holder(SecurityIdentity identity, JsonWebToken token) {
        return identity.hasRole(Roles.RESIDENT) ? TokenVersions.Holder.resident(UUID.fromString(token.getSubject()))
                : TokenVersions.Holder.staff(token.getName());
    }
}
