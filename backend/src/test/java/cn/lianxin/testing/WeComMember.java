package cn.lianxin.testing;

import static cn.lianxin.testing.Api.asOffice;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A representative on WeCom (a user id in master data) with a staff account, created through the public API. */
public record WeComMember(long id, String userId, String username) {

    public static WeComMember at(Fixtures town, long workstationId) {
        return at(town, workstationId, List.of());
    }

    /** A member answering for these contact villages (包抓联系点), whose visits are planned. */
    public static WeComMember at(Fixtures town, long workstationId, List<Long> contactVillageIds) {
        String userId = Api.unique("rep").toLowerCase();
        Map<String, Object> rep = new HashMap<>(Map.of("name", "企微代表", "workstationId", workstationId, "constituencyId", town.constituencyId(),
                "workFields", List.of("GENERAL"), "specialties", List.of(), "contactVillageIds", contactVillageIds, "groupLeader", false,
                "wecomUserId", userId));
        long id = Fixtures.create("/api/representatives", rep);
        String username = Api.unique("wx").toLowerCase();
        asOffice().body(Map.of("username", username, "displayName", "企微代表", "password", Team.PASSWORD, "role", "REPRESENTATIVE",
                "workstationId", workstationId, "representativeId", id)).post("/api/staff").then().statusCode(201);
        return new WeComMember(id, userId, username);
    }

    /** WeCom's OAuth answers this code with this member (auth/getuserinfo), as after their tap in the WeCom app. */
    public String signInCode(WireMockServer wecom) {
        String code = Api.unique("code");
        wecom.stubFor(get(urlPathEqualTo("/cgi-bin/auth/getuserinfo")).withQueryParam("code", equalTo(code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"" + userId + "\",\"user_ticket\":\"t\",\"expires_in\":1800}")));
        return code;
    }
}
