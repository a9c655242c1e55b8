package cn.lianxin.channels.tencent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The worked examples of WeChat's message push docs (消息推送, 消息加解密), byte for byte. */
class CallbackCryptoTest {

    private static final String TOKEN = "AAAAA";
    private static final String AES_KEY = "A".repeat(43);
    private static final String APP_ID = "wxba5fad812f8e6fb9";
    private static final String ENCRYPT = "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6Js"
            + "XUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL"
            + "/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";

    private static CallbackCrypto at(long epochSecond, String appId) {
        return new CallbackCrypto(TOKEN, AES_KEY, appId, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void shouldDecryptTheDocumentedSafeModePush() {
        String plain = at(1714112445, APP_ID).open("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3", "1714112445", "415670741", ENCRYPT);

        assertThat(plain).isEqualTo("{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\","
                + "\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}");
    }

    @Test
    void shouldRefuseTheDocumentedPushForAnotherAppATamperedSignatureOrOutsideTheWindow() {
        assertThatThrownBy(() -> at(1714112445, "wx-lianxin-test").open("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3", "1714112445", "415670741", ENCRYPT))
                .isInstanceOf(CallbackCrypto.Refused.class).hasMessageContaining("ReceiveId");
        assertThatThrownBy(() -> at(1714112445, APP_ID).open("046e02f8204d34f8ba5fa3b1db94908f3df2e9b4", "1714112445", "415670741", ENCRYPT))
                .isInstanceOf(CallbackCrypto.Refused.class);
        // The same push replayed six minutes later.
        assertThatThrownBy(() -> at(1714112445 + 360, APP_ID).open("046e02f8204d34f8ba5fa3b1db94908f3df2e9b3", "1714112445", "415670741", ENCRYPT))
                .isInstanceOf(CallbackCrypto.Refused.class).hasMessageContaining("window");
    }

    @Test
    void shouldCheckTheDocumentedPlainSignatures() {
        // The URL check and the plain-mode push of the docs.
        at(1714036504, APP_ID).requireSigned("f464b24fc39322e44b38aa78f5edd27bd1441696", "1714036504", "1514711492");
        at(1714037059, APP_ID).requireSigned("899cf89e464efb63f54ddac96b0a0a235f53aa78", "1714037059", "486452656");

        assertThatThrownBy(() -> at(1714037059, APP_ID).requireSigned("899cf89e464efb63f54ddac96b0a0a235f53aa78", "1714037059", "486452657"))
                .isInstanceOf(CallbackCrypto.Refused.class).hasMessage("bad signature");
        assertThatThrownBy(() -> at(1714037059, APP_ID).requireSigned(null, "1714037059", "486452656")).isInstanceOf(CallbackCrypto.Refused.class);
    }
}
