package cn.lianxin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.UUID;

/**
 * qyapi.weixin.qq.com's documented default answers (PROTOCOLS.md, WeCom): a token for 7200 s, messages
 * accepted with a msgid, cards updated, and any OAuth code unknown (40029) until a test stubs its own code.
 * At a low priority, so that a test's own stubs for its own recipients and codes win.
 */
public final class WeComFake {

    private static final int DEFAULTS = 10;

    private WeComFake() {
    }

    public static void install(WireMockServer wecom) {
        if (wecom.getStubMappings().stream().anyMatch(m -> "wecom-defaults".equals(m.getName()))) {
            return;
        }
        wecom.stubFor(defaults(get(urlPathEqualTo("/cgi-bin/gettoken")),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + UUID.randomUUID() + "\",\"expires_in\":7200}"));
        wecom.stubFor(defaults(post(urlPathEqualTo("/cgi-bin/message/send")),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":\"\",\"msgid\":\"{{randomValue length=24 type='ALPHANUMERIC'}}\","
                        + "\"response_code\":\"{{randomValue length=32 type='ALPHANUMERIC'}}\"}"));
        wecom.stubFor(defaults(post(urlPathEqualTo("/cgi-bin/message/update_template_card")),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"invaliduser\":[]}"));
        wecom.stubFor(defaults(get(urlPathEqualTo("/cgi-bin/auth/getuserinfo")), "{\"errcode\":40029,\"errmsg\":\"invalid code\"}"));
    }

    private static MappingBuilder defaults(MappingBuilder request, String body) {
        return request.atPriority(DEFAULTS).withName("wecom-defaults")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body).withTransformers("response-template"));
    }
}
