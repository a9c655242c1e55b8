package cn.lianxin.console;

import cn.lianxin.staff.StaffLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's session: the staff token a sign-in issues, kept in an HttpOnly, SameSite=Strict cookie that no
 * script can read (Secure outside local mode and the tests), and the CSRF token bound to it — an HMAC of the
 * session under a key derived for this one purpose, so nothing is stored and it changes with every sign-in.
 */
@ApplicationScoped
public class ConsoleSession {

    /** The cookie smallrye-jwt reads the token from ({@code mp.jwt.token.cookie}). */
    public static final String COOKIE = "lianxin_session";
    /** The header every state-changing console request carries; htmx adds it from the page's hx-headers. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Before a session exists the sign-in form is protected by a random token in this cookie and in the form. */
    public static final String SIGN_IN_COOKIE = "lianxin_sign_in";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec csrfKey;
    private final boolean secure;

    public ConsoleSession(@ConfigProperty(name = "lianxin.staff.token-secret") String tokenSecret,
            @ConfigProperty(name = "lianxin.console.secure-cookie") boolean secure) {
        this.csrfKey = new SecretKeySpec(hmac(new SecretKeySpec(Base64.getUrlDecoder().decode(tokenSecret), "HmacSHA256"),
                "lianxin console csrf"), "HmacSHA256");
        this.secure = secure;
    }

    public NewCookie open(StaffLogin.Token token) {
        long seconds = Math.max(0, Duration.between(Instant.now(), token.expiresAt()).toSeconds());
        return cookie(COOKIE, token.token(), (int) seconds);
    }

    public NewCookie close() {
        return cookie(COOKIE, "", 0);
    }

    public String csrfFor(String sessionToken) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(csrfKey, sessionToken));
    }

    public boolean csrfMatches(String sessionToken, String presented) {
        return presented != null && MessageDigest.isEqual(csrfFor(sessionToken).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** A fresh token for one sign-in form, and the cookie that carries its twin. */
    public NewCookie signInCookie(String formToken) {
        return cookie(SIGN_IN_COOKIE, formToken, 30 * 60);
    }

    public NewCookie clearSignInCookie() {
        return cookie(SIGN_IN_COOKIE, "", 0);
    }

    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean sameToken(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    private static byte[] hmac(SecretKeySpec key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
