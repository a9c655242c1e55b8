package cn.lianxin.staff;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start with a token secret too short to sign with: HS256 verifies with any key, even 3 bytes, and a
 * short key can be guessed offline from one token. 32 bytes is the hash's own size (RFC 7518 §3.2).
 */
@ApplicationScoped
public class TokenSecret {

    static final int MIN_BYTES = 32;

    private final String secret;

    public TokenSecret(@ConfigProperty(name = "lianxin.staff.token-secret") String secret) {
        this.secret = secret;
    }

    void check(@Observes StartupEvent startup) {
        validate(secret);
    }

    /** The secret is base64url, as the JSON Web Key it is given to the verifier in carries it. */
    static void validate(String secret) {
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(secret.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("LIANXIN_JWT_SECRET (lianxin.staff.token-secret) is not base64url: " + e.getMessage());
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException("LIANXIN_JWT_SECRET (lianxin.staff.token-secret) is " + key.length
                    + " bytes; it must be at least " + MIN_BYTES + " random bytes, base64url without padding.");
        }
    }
}
