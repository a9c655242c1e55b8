package cn.lianxin.privacy;

import cn.lianxin.sms.PhoneNumber;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps phone numbers out of clear text. A keyed hash (HMAC-SHA256) finds a person by number without
 * storing it; AES-256-GCM keeps the number itself for the day a message must be sent to it. Views only
 * ever get {@link PhoneNumber#masked()}.
 */
@ApplicationScoped
public class PhoneVault {

    @ConfigMapping(prefix = "lianxin.phone")
    public interface Keys {
        /** Base64; any length of at least 32 bytes. */
        String hashKey();

        /** Base64 of exactly 32 bytes. */
        String encryptionKey();
    }

    /** What we keep of a phone number. */
    public record Sealed(byte[] hash, byte[] cipher, String masked) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec hashKey;
    private final SecretKeySpec encryptionKey;
    private final SecureRandom random = new SecureRandom();

    public PhoneVault(Keys keys) {
        byte[] hash = Base64.getDecoder().decode(keys.hashKey());
        byte[] encryption = Base64.getDecoder().decode(keys.encryptionKey());
        if (hash.length < 32 || encryption.length != 32) {
            throw new IllegalStateException("lianxin.phone.hash-key needs at least 32 bytes and lianxin.phone.encryption-key exactly 32 (base64)");
        }
        this.hashKey = new SecretKeySpec(hash, "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(encryption, "AES");
    }

    public Sealed seal(PhoneNumber phone) {
        return new Sealed(hash(phone), encrypt(phone), phone.masked());
    }

    public byte[] hash(PhoneNumber phone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac.doFinal(phone.digits().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public PhoneNumber open(byte[] sealed) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(sealed);
            byte[] iv = new byte[IV_BYTES];
            buffer.get(iv);
            byte[] body = new byte[buffer.remaining()];
            buffer.get(body);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            return PhoneNumber.of(new String(cipher.doFinal(body), StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored phone number cannot be decrypted with the configured key", e);
        }
    }

    private byte[] encrypt(PhoneNumber phone) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] body = cipher.doFinal(phone.digits().getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(IV_BYTES + body.length).put(iv).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }
}
