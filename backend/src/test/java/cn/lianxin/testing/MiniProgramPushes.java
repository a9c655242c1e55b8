package cn.lianxin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import java.security.SecureRandom;

/**
 * WeChat calling the mini-program's message push URL in safe mode with JSON, as its docs describe (消息推送, 消息加解密):
 * body {@code {"ToUserName","Encrypt"}}, Encrypt = the scheme WeCom uses with the appid as ReceiveId, signed by
 * {@code msg_signature} = sha1 of the sorted Token, timestamp, nonce and Encrypt; the query also carries the
 * plain {@code signature}, the openid and {@code encrypt_type=aes}.
 */
public final class MiniProgramPushes {

    /** The mini-program's appid in the test profile. */
    public static final String APP_ID = "wx-lianxin-test";
    private static final String PATH = "/api/wechat/miniapp/push";
    private static final SecureRandom RANDOM = new SecureRandom();

    private MiniProgramPushes() {
    }

    /** One delivery as WeChat sends it; {@link #post()} it as often as WeChat would retry it. */
    public record Delivery(String signature, String msgSignature, String timestamp, String nonce, String openid, String body) {
        public ValidatableResponse post() {
            return given().queryParam("signature", signature).queryParam("timestamp", timestamp).queryParam("nonce", nonce)
                    .queryParam("openid", openid).queryParam("encrypt_type", "aes").queryParam("msg_signature", msgSignature)
                    .contentType("application/json").body(body).post(PATH).then();
        }
    }

    /** The push of {@code plainJson} for the mini-program, sent now. */
    public static Delivery push(String openid, String plainJson) {
        return push(openid, plainJson, APP_ID, System.currentTimeMillis() / 1000);
    }

    /** Encrypted for {@code appId} and signed at {@code timestamp}: for the refusal tests. */
    public static Delivery push(String openid, String plainJson, String appId, long timestamp) {
        String encrypt = WeComCallbacks.encrypt(TestSecrets.WECHAT_PUSH_AES_KEY, plainJson, appId);
        String time = Long.toString(timestamp);
        String nonce = Long.toString(RANDOM.nextInt(Integer.MAX_VALUE));
        return new Delivery(WeComCallbacks.sign(TestSecrets.WECHAT_PUSH_TOKEN, time, nonce),
                WeComCallbacks.sign(TestSecrets.WECHAT_PUSH_TOKEN, time, nonce, encrypt), time, nonce, openid,
                "{\"ToUserName\":\"gh_97417a04a28d\",\"Encrypt\":\"" + encrypt + "\"}");
    }

    /** The URL check: GET signed over Token, timestamp and nonce. */
    public static ValidatableResponse verify(String signatureToken, String echostr) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String nonce = "1514711492";
        return given().queryParam("signature", WeComCallbacks.sign(signatureToken, timestamp, nonce)).queryParam("timestamp", timestamp)
                .queryParam("nonce", nonce).queryParam("echostr", echostr).get(PATH).then();
    }

    /** subscribe_msg_sent_event as the docs show it in JSON: "List" is one object, every value a string. */
    public static String sent(String openid, String template, String msgId, String errorCode, String errorStatus) {
        return """
                {"ToUserName":"gh_97417a04a28d","FromUserName":"%s","CreateTime":"%d","MsgType":"event","Event":"subscribe_msg_sent_event",
                "List":{"TemplateId":"%s","MsgID":"%s","ErrorCode":"%s","ErrorStatus":"%s"}}"""
                .formatted(openid, System.currentTimeMillis() / 1000, template, msgId, errorCode, errorStatus);
    }

    /** subscribe_msg_popup_event: the resident's answers in the popup, at {@code createTime}. */
    public static String popup(String openid, long createTime, String template, String answer) {
        return """
                {"ToUserName":"gh_97417a04a28d","FromUserName":"%s","CreateTime":"%d","MsgType":"event","Event":"subscribe_msg_popup_event",
                "List":[{"TemplateId":"%s","SubscribeStatusString":"%s","PopupScene":"0"}]}""".formatted(openid, createTime, template, answer);
    }

    /** subscribe_msg_change_event: 拒收 set in 服务通知 settings. */
    public static String change(String openid, long createTime, String template, String answer) {
        return """
                {"ToUserName":"gh_97417a04a28d","FromUserName":"%s","CreateTime":"%d","MsgType":"event","Event":"subscribe_msg_change_event",
                "List":[{"TemplateId":"%s","SubscribeStatusString":"%s"}]}""".formatted(openid, createTime, template, answer);
    }

    /** wxa_media_check: WeChat's verdict on a photo it checked under {@code traceId} (suggest pass, review or risky). */
    public static String mediaCheck(String openid, String traceId, String suggest, String label) {
        return """
                {"ToUserName":"gh_97417a04a28d","FromUserName":"%s","CreateTime":%d,"MsgType":"event","Event":"wxa_media_check",
                "appid":"%s","trace_id":"%s","version":2,"result":{"suggest":"%s","label":"%s"},
                "detail":[{"strategy":"content_model","errcode":0,"suggest":"%s","label":"%s","prob":90}]}"""
                .formatted(openid, System.currentTimeMillis() / 1000, APP_ID, traceId, suggest, label, suggest, label);
    }
}
