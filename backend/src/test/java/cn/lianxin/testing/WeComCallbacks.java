package cn.lianxin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeCom calling our callback URL, encrypted and signed exactly as PROTOCOLS.md describes the scheme — written
 * from the description, not from WxJava, so that the backend's decryption is checked against the scheme:
 * AES-256-CBC with key base64(EncodingAESKey + "="), IV the key's first 16 bytes, PKCS#7 to 32 bytes, plaintext
 * random(16) + length(4, big-endian) + message + corpId; signature sha1 of the sorted token, timestamp, nonce
 * and ciphertext.
 */
public final class WeComCallbacks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WeComCallbacks() {
    }

    /** One delivery: the query parameters and body WeCom would send. */
    public record Delivery(String signature, String timestamp, String nonce, String body) {
        public ValidatableResponse post() {
            return given().queryParam("msg_signature", signature).queryParam("timestamp", timestamp).queryParam("nonce", nonce)
                    .contentType("text/xml").body(body).post("/api/wecom/callback").then();
        }
    }

    public static Delivery message(String plainXml) {
        return message(plainXml, TestSecrets.WECOM_CORP_ID);
    }

    /** Encrypted for {@code corpId}: another corp's message, for the refusal tests. */
    public static Delivery message(String plainXml, String corpId) {
        String encrypt = encrypt(plainXml, corpId);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
        String body = "<xml><ToUserName><![CDATA[" + corpId + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return new Delivery(sign(TestSecrets.WECOM_TOKEN, timestamp, nonce, encrypt), timestamp, nonce, body);
    }

    /** A URL verification: GET with the echostr encrypted. */
    public static ValidatableResponse verify(String echo) {
        String echostr = encrypt(echo, TestSecrets.WECOM_CORP_ID);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "1597212914";
        return given().queryParam("msg_signature", sign(TestSecrets.WECOM_TOKEN, timestamp, nonce, echostr))
                .queryParam("timestamp", timestamp).queryParam("nonce", nonce).queryParam("echostr", echostr)
                .get("/api/wecom/callback").then();
    }

    /** A text from a member's app. */
    public static String text(String fromUser, String content, long msgId) {
        return "<xml><ToUserName><![CDATA[" + TestSecrets.WECOM_CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + fromUser
                + "]]></FromUserName><CreateTime>" + (System.currentTimeMillis() / 1000) + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>1000002</AgentID></xml>";
    }

    /** A button tap on a template card (event template_card_event). */
    public static String tap(String fromUser, String taskId, String key, long createTime) {
        return "<xml><ToUserName><![CDATA[" + TestSecrets.WECOM_CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + fromUser
                + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[" + key + "]]></EventKey><TaskId><![CDATA["
                + taskId + "]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-" + createTime
                + "]]></ResponseCode><AgentID>1000002</AgentID></xml>";
    }

    static String encrypt(String message, String corpId) {
        return encrypt(TestSecrets.WECOM_AES_KEY, message, corpId);
    }

    /** The scheme WeCom and the mini-program's message push share; {@code receiveId} is the corp id or the appid. */
    static String encrypt(String encodingAesKey, String message, String receiveId) {
        byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] corp = receiveId.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        int length = 16 + 4 + text.length + corp.length;
        int pad = 32 - length % 32;
        ByteBuffer plain = ByteBuffer.allocate(length + pad).put(random).putInt(text.length).put(text).put(corp);
        byte[] padding = new byte[pad];
        Arrays.fill(padding, (byte) pad);
        plain.put(padding);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
