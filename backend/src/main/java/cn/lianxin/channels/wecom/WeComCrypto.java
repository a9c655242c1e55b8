package cn.lianxin.channels.wecom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.cp.config.impl.WxCpDefaultConfigImpl;
import me.chanjar.weixin.cp.util.crypto.WxCpCryptUtil;

/**
 * WeCom's callback scheme through WxJava (signature check in {@code decryptContent}/{@code decryptXml}), plus the
 * check WxJava leaves out: its decrypt ignores the ReceiveId after the message ("暂时忽略这段判断"), so a message
 * encrypted for another corp with a leaked key would pass. Here the plaintext is unpacked again and its
 * ReceiveId must be our corp id. And the check WxJava has not at all: the signed timestamp must be within
 * {@link #WINDOW} of now, so that a recorded callback cannot be replayed later.
 */
final class WeComCrypto extends WxCpCryptUtil {

    /** Why a callback is refused; the message never carries the payload. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** How far a callback's timestamp may be from our clock either way: WeCom's retries come within seconds. */
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] corpId;
    private final Clock clock;

    WeComCrypto(String token, String aesKey, String corpId, Clock clock) {
        super(config(token, aesKey, corpId));
        this.corpId = corpId.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    private static WxCpDefaultConfigImpl config(String token, String aesKey, String corpId) {
        WxCpDefaultConfigImpl config = new WxCpDefaultConfigImpl();
        config.setToken(token);
        config.setAesKey(aesKey);
        config.setCorpId(corpId);
        return config;
    }

    /** URL verification: the echostr decrypted, after the signature and corp checks. */
    String verifyUrl(String signature, String timestamp, String nonce, String echostr) {
        return guarded(() -> fresh(timestamp, decryptContent(signature, timestamp, nonce, echostr)));
    }

    /** A POSTed {@code <xml><Encrypt/>…</xml>}: the plaintext message XML, after the signature and corp checks. */
    String open(String signature, String timestamp, String nonce, String body) {
        return guarded(() -> fresh(timestamp, decryptXml(signature, timestamp, nonce, body)));
    }

    /** After the signature check, which covers the timestamp: {@code plain} only if it was sent within the window. */
    private String fresh(String timestamp, String plain) {
        long sent;
        try {
            sent = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new Refused("timestamp is not a number");
        }
        if (Duration.between(Instant.ofEpochSecond(sent), clock.instant()).abs().compareTo(WINDOW) > 0) {
            throw new Refused("timestamp outside the " + WINDOW.toMinutes() + "-minute window");
        }
        return plain;
    }

    private static String guarded(java.util.function.Supplier<String> step) {
        try {
            return step.get();
        } catch (Refused e) {
            throw e;
        } catch (RuntimeException e) {
            // WxJava's message says what failed (signature, length); it never includes the ciphertext.
            throw new Refused(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** random(16) + length(4, big-endian) + message + ReceiveId, PKCS#7-padded to 32 bytes. */
    @Override
    public String decrypt(String cipherText) {
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(Arrays.copyOfRange(aesKey, 0, 16)));
            plain = cipher.doFinal(Base64.getMimeDecoder().decode(cipherText));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Refused("undecryptable message");
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > 32 || plain.length < 20 + pad) {
            throw new Refused("bad padding");
        }
        int end = plain.length - pad;
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new Refused("bad message length");
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(plain, 20 + length, end), corpId)) {
            throw new Refused("message for another corp (ReceiveId)");
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }
}
