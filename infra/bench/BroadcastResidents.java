import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Residents for infra/bench/broadcast-bench.sh, JDK only: {@code java BroadcastResidents.java COUNT VILLAGE_ID}
 * prints COUNT residents of the village as PostgreSQL COPY text (id, name, village_id, phone_hash, phone_cipher,
 * phone_masked), their numbers 170xxxxxxxx sealed exactly as the backend's PhoneVault seals them (HMAC-SHA256 with
 * LIANXIN_PHONE_HASH_KEY, AES-256-GCM with a 12-byte IV in front with LIANXIN_PHONE_ENCRYPTION_KEY).
 */
public class BroadcastResidents {

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        long village = Long.parseLong(args[1]);
        SecretKeySpec hashKey = new SecretKeySpec(Base64.getDecoder().decode(System.getenv("LIANXIN_PHONE_HASH_KEY")), "HmacSHA256");
        SecretKeySpec encryptionKey = new SecretKeySpec(Base64.getDecoder().decode(System.getenv("LIANXIN_PHONE_ENCRYPTION_KEY")), "AES");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(hashKey);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        SecureRandom random = new SecureRandom();
        HexFormat hex = HexFormat.of();
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                String digits = String.format("170%08d", i);
                byte[] hash = mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
                byte[] iv = new byte[12];
                random.nextBytes(iv);
                cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, iv));
                byte[] body = cipher.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
                byte[] sealed = ByteBuffer.allocate(iv.length + body.length).put(iv).put(body).array();
                out.write(UUID.randomUUID() + "\t居民" + i + "\t" + village + "\t\\\\x" + hex.formatHex(hash) + "\t\\\\x" + hex.formatHex(sealed)
                        + "\t" + digits.substring(0, 3) + "****" + digits.substring(7) + "\n");
            }
        }
    }
}
