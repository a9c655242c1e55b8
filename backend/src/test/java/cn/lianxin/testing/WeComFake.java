package cn.lianxin.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
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
        // 会议 (document/path/93627, 93708): create answers the new meeting's id; get_info a meeting nobody has joined yet,
        // with its code and link, until a test stubs the attendance of its own meeting (attendance below).
        wecom.stubFor(defaults(post(urlPathEqualTo("/cgi-bin/meeting/create")),
                "{\"errcode\":0,\"errmsg\":\"ok\",\"meetingid\":\"hyXG0RCQAAogMgFb9Tx_b-{{randomValue length=12 type='ALPHANUMERIC'}}\",\"excess_users\":[]}"));
        wecom.stubFor(post(urlPathEqualTo("/cgi-bin/meeting/get_info")).atPriority(DEFAULTS).withName("wecom-defaults")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(meetingInfo(1, ""))));
    }

    /**
     * The meeting's detail once it has been held: the host among the members and the resident among the temporary
     * external users (who join from WeChat by the link), each with the seconds they stayed; 0 leaves that side out.
     */
    public static void attendance(WireMockServer wecom, String meetingId, String hostUserId, int hostSeconds, int residentSeconds) {
        String member = hostSeconds == 0 ? "" : "\"member\":[{\"userid\":\"" + hostUserId + "\",\"status\":2,\"first_join_time\":1790000000,"
                + "\"last_quit_time\":" + (1790000000 + hostSeconds) + ",\"total_join_count\":1,\"cumulative_time\":" + hostSeconds + "}]";
        String external = residentSeconds == 0 ? "" : "\"tmp_external_user\":[{\"tmp_external_userid\":\"woAJ2GCAAAd4uL\",\"status\":2,"
                + "\"first_join_time\":1790000060,\"last_quit_time\":" + (1790000060 + residentSeconds) + ",\"total_join_count\":1,"
                + "\"cumulative_time\":" + residentSeconds + "}]";
        String attendees = member + (member.isEmpty() || external.isEmpty() ? "" : ",") + external;
        wecom.stubFor(post(urlPathEqualTo("/cgi-bin/meeting/get_info")).withRequestBody(matchingJsonPath("$.meetingid", equalTo(meetingId)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(meetingInfo(3, attendees))));
    }

    /** {@code status}: 1 not begun yet, 3 over (document/path/93708). */
    private static String meetingInfo(int status, String attendees) {
        return "{\"errcode\":0,\"errmsg\":\"ok\",\"admin_userid\":\"host\",\"title\":\"视频接待\",\"meeting_start\":1790000000,"
                + "\"meeting_duration\":1800,\"main_department\":1,\"status\":" + status + ",\"meeting_type\":0,\"attendees\":{" + attendees + "},"
                + "\"settings\":{\"remind_scope\":1,\"need_password\":false,\"enable_waiting_room\":true,\"allow_enter_before_host\":false,"
                + "\"enable_enter_mute\":1,\"allow_external_user\":true,\"enable_screen_watermark\":false},"
                + "\"meeting_code\":\"806321587\",\"meeting_link\":\"https://meeting.tencent.com/dm/Z3pX2Q8f\"}";
    }

    private static MappingBuilder defaults(MappingBuilder request, String body) {
        return request.atPriority(DEFAULTS).withName("wecom-defaults")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body).withTransformers("response-template"));
    }
}
