package cn.lianxin.channels.tencent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import me.chanjar.weixin.common.util.crypto.SHA1;
import me.chanjar.weixin.common.util.crypto.WxCryptUtil;

/**
 * The callback scheme WeCom and the WeChat mini-program's message push share, through WxJava (signature check in
 * {@code decryptContent}/{@code decryptXml}), plus the checks WxJava leaves out: its decrypt ignores the ReceiveId
 * after the message ("暂时忽略这段判断"), so a message encrypted for another corp or app with a leaked key would pass —
 * here the plaintext is unpacked again and its ReceiveId must be ours (the corp id, or the mini-program's appid); and
 * the signed timestamp must be within {@link #WINDOW} of now, so that a recorded callback cannot be replayed later.
 */
public class CallbackCrypto extends WxCryptUtil {

    /** Why a callback is refused; the message never carries the payload. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** How far a callback's timestamp may be from our clock either way: the providers' retries come within seconds. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final byte[] receiveId;
    private final Clock clock;

    public CallbackCrypto(String token, String encodingAesKey, String receiveId, Clock clock) {
        super(token, encodingAesKey, receiveId);
        this.receiveId = receiveId.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A plain-mode call: {@code signature} must be sha1 of the sorted token, timestamp and nonce, sent within the window. */
    public void requireSigned(String signature, String timestamp, String nonce) {
        if (signature == null || timestamp == null || nonce == null) {
            throw new Refused("signature, timestamp or nonce missing");
        }
        String expected = SHA1.gen(token, timestamp, nonce);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("bad signature");
        }
        fresh(timestamp, "");
    }

    /** An encrypted part ({@code Encrypt}, or an echostr): its plaintext, after the signature, window and ReceiveId checks. */
    public String open(String msgSignature, String timestamp, String nonce, String encrypt) {
        if (msgSignature == null || timestamp == null || nonce == null || encrypt == null) {
            throw new Refused("msg_signature, timestamp, nonce or the ciphertext missing");
        }
        return guarded(() -> fresh(timestamp, decryptContent(msgSignature, timestamp, nonce, encrypt)));
    }

    /** After the signature check, which covers the timestamp: {@code plain} only if it was sent within the window. */
    protected String fresh(String timestamp, String plain) {
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

    protected static String guarded(Supplier<String> step) {
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
        if (!MessageDigest.isEqual(Arrays.copyOfRange(plain, 20 + length, end), receiveId)) {
            throw new Refused("message for another corp or app (ReceiveId)");
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }
}
