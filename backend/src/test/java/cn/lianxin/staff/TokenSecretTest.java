package cn.lianxin.staff;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The check the application runs at startup, without starting one. */
class TokenSecretTest {

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    @Test
    void shouldRefuseToStartWithAThreeByteSecret() {
        assertThatThrownBy(() -> TokenSecret.validate(key(3))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LIANXIN_JWT_SECRET").hasMessageContaining("3 bytes").hasMessageContaining("at least 32");
    }

    @Test
    void shouldRefuseASecretOneByteShort() {
        assertThatThrownBy(() -> TokenSecret.validate(key(31))).isInstanceOf(IllegalStateException.class).hasMessageContaining("31 bytes");
    }

    @Test
    void shouldRefuseASecretThatIsNotBase64url() {
        assertThatThrownBy(() -> TokenSecret.validate("not base64 at all!".repeat(4))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not base64url");
    }

    @Test
    void shouldAcceptThirtyTwoRandomBytes() {
        assertThatCode(() -> TokenSecret.validate(key(32))).doesNotThrowAnyException();
    }
}
