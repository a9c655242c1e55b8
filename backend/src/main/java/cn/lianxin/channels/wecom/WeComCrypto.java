package cn.lianxin.channels.wecom;

import cn.lianxin.channels.tencent.CallbackCrypto;
import java.time.Clock;

/** WeCom's callback scheme ({@link CallbackCrypto}), the ReceiveId being our corp id. */
final class WeComCrypto extends CallbackCrypto {

    WeComCrypto(String token, String aesKey, String corpId, Clock clock) {
        super(token, aesKey, corpId, clock);
    }

    /** URL verification: the echostr decrypted, after the signature and corp checks. */
    String verifyUrl(String signature, String timestamp, String nonce, String echostr) {
        return open(signature, timestamp, nonce, echostr);
    }

    /** A POSTed {@code <xml><Encrypt/>…</xml>}: the plaintext message XML, after the signature and corp checks. */
    String openXml(String signature, String timestamp, String nonce, String body) {
        return guarded(() -> fresh(timestamp, decryptXml(signature, timestamp, nonce, body)));
    }
}
