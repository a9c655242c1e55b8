package cn.lianxin.channels.miniprogram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature {@code wx.joinVoIPChat} requires (多人音视频对话, 签名算法): HMAC-SHA256 over the four values
 * appId, groupId, nonceStr and timeStamp sorted as strings and joined, keyed by the resident's session_key string
 * as WeChat gave it (not base64-decoded), as lower-case hex. The session_key is a secret of the resident's WeChat
 * session: it is passed in, used, and never kept, logged or returned.
 */
public final class VoipSignature {

    private VoipSignature() {
    }

    /** @param timeStamp seconds since the epoch (milliseconds give a signature WeChat refuses) */
    public static String sign(String appId, String groupId, String nonceStr, long timeStamp, String sessionKey) {
        if (nonceStr.length() >= 128) {
            throw new IllegalArgumentException("nonceStr must be shorter than 128 characters");
        }
        String joined = String.join("", Stream.of(appId, groupId, nonceStr, Long.toString(timeStamp)).sorted().toList());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
