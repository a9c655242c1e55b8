package cn.lianxin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.UUID;

/**
 * api.weixin.qq.com as PROTOCOLS.md documents it: access token, code2Session, getuserphonenumber, msgSecCheck v2,
 * subscribeMessage.send and media_check_async v2 with their success and error shapes. The defaults answer everyone; a test that wants a
 * failure stubs it for its own code, openid or text (priority 1 beats the defaults' 10).
 */
public final class WechatFake {

    private static final UUID MARKER = UUID.fromString("6d1c7c2e-0000-4000-8000-000000000001");
    private static final int DEFAULT = 10;
    private static final int SPECIFIC = 1;

    private WechatFake() {
    }

    /** The documented default answers; installing twice changes nothing. */
    public static synchronized void install(WireMockServer wechat) {
        if (wechat.listAllStubMappings().getMappings().stream().anyMatch(m -> MARKER.equals(m.getId()))) {
            return;
        }
        json(wechat, get(urlPathEqualTo("/cgi-bin/token")).withQueryParam("grant_type", equalTo("client_credential")).withId(MARKER),
                DEFAULT, "{\"access_token\":\"fake-token-{{randomValue length=16 type='ALPHANUMERIC'}}\",\"expires_in\":7200}");
        json(wechat, post(urlPathEqualTo("/cgi-bin/stable_token")), DEFAULT,
                "{\"access_token\":\"fake-stable-{{randomValue length=16 type='ALPHANUMERIC'}}\",\"expires_in\":7200}");
        // The openid follows from the code here, so a test knows whom it signed in as.
        json(wechat, get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("grant_type", equalTo("authorization_code")), DEFAULT,
                "{\"openid\":\"o-{{request.query.js_code}}\",\"session_key\":\"{{randomValue length=24 type='ALPHANUMERIC'}}==\"}");
        json(wechat, get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", matching("bad-.*")), 5,
                "{\"errcode\":40029,\"errmsg\":\"invalid code, rid: 6561a1b2-0c1d2e3f-4a5b6c7d\"}");
        json(wechat, post(urlPathEqualTo("/wxa/business/getuserphonenumber")), DEFAULT,
                "{\"errcode\":40029,\"errmsg\":\"invalid code\"}");
        json(wechat, post(urlPathEqualTo("/wxa/msg_sec_check")), DEFAULT, verdict("pass", 100));
        // The msgid names the message again in its subscribe_msg_sent_event; it is a 64-bit number, beyond a double.
        json(wechat, post(urlPathEqualTo("/cgi-bin/message/subscribe/send")), DEFAULT,
                "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":1{{randomValue length=18 type='NUMERIC'}} }");
        // media_check_async v2 takes an image (media_type 2) by URL with the openid and scene; the verdict comes later
        // as a wxa_media_check push naming the trace_id answered here. Anything else is "invalid args".
        json(wechat, post(urlPathEqualTo("/wxa/media_check_async")), DEFAULT, "{\"errcode\":40097,\"errmsg\":\"invalid args\"}");
        json(wechat, post(urlPathEqualTo("/wxa/media_check_async")).withRequestBody(matchingJsonPath("$.media_url"))
                .withRequestBody(matchingJsonPath("$.media_type", equalTo("2"))).withRequestBody(matchingJsonPath("$.version", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.openid")).withRequestBody(matchingJsonPath("$.scene", matching("[1-4]"))), DEFAULT - 1,
                "{\"errcode\":0,\"errmsg\":\"ok\",\"trace_id\":\"{{randomValue length=8 type='HEXADECIMAL'}}-{{randomValue length=8 type='HEXADECIMAL'}}-{{randomValue length=8 type='HEXADECIMAL'}}\"}");
    }

    /** getPhoneNumber's code for this number. */
    public static void phone(WireMockServer wechat, String code, String phone) {
        json(wechat, post(urlPathEqualTo("/wxa/business/getuserphonenumber")).withRequestBody(matchingJsonPath("$.code", equalTo(code))),
                SPECIFIC, """
                {"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"%s","purePhoneNumber":"%s","countryCode":86,
                "watermark":{"timestamp":1764201600,"appid":"wx-lianxin-test"}}}""".formatted(phone, phone));
    }

    /** msgSecCheck's answer for texts containing {@code fragment}: risky or review, with WeChat's label. */
    public static void verdict(WireMockServer wechat, String fragment, String suggest, int label) {
        json(wechat, post(urlPathEqualTo("/wxa/msg_sec_check")).withRequestBody(matchingJsonPath("$.content", containing(fragment))),
                SPECIFIC, verdict(suggest, label));
    }

    /** The resident took back their consent: every subscribe message to them is refused with 43101. */
    public static void refuseSubscribe(WireMockServer wechat, String openid) {
        refuseSubscribe(wechat, openid, 43101, "user refuse to accept the msg rid: 6561a1b2-1a2b3c4d");
    }

    /** Every subscribe message to this openid is refused with WeChat's code (47003 bad field, 40037 bad template …). */
    public static void refuseSubscribe(WireMockServer wechat, String openid, int errcode, String errmsg) {
        json(wechat, post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).withRequestBody(matchingJsonPath("$.touser", equalTo(openid))),
                SPECIFIC, "{\"errcode\":%d,\"errmsg\":\"%s\"}".formatted(errcode, errmsg));
    }

    private static String verdict(String suggest, int label) {
        return """
                {"errcode":0,"errmsg":"ok","result":{"suggest":"%s","label":%d},
                "detail":[{"strategy":"content_model","errcode":0,"suggest":"%s","label":%d,"prob":90}],
                "trace_id":"60ae120f-371d5872-7941a05b"}""".formatted(suggest, label, suggest, label);
    }

    private static void json(WireMockServer wechat, MappingBuilder request, int priority, String body) {
        wechat.stubFor(request.atPriority(priority).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; encoding=utf-8").withBody(body).withTransformers("response-template")));
    }
}
