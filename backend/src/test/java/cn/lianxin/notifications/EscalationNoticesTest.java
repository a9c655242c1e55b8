package cn.lianxin.notifications;

import static cn.lianxin.testing.Api.asOffice;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 请示: escalating a case tells its workstation's group leaders and the town office on WeCom, which case, who asked and what. */
@QuarkusTest
class EscalationNoticesTest {

    private static final Duration PIPELINE = Duration.ofSeconds(30);

    ProviderFakes providers;

    @Test
    void anEscalationGoesToEveryGroupLeaderOfTheWorkstationAndToTheTownOffice() {
        Team team = Team.at(Fixtures.town());
        String leaderUserId = Api.unique("leader").toLowerCase();
        Map<String, Object> onWeCom = new HashMap<>(Map.of("name", "副组长", "workstationId", team.workstationId(),
                "constituencyId", team.town().constituencyId(), "workFields", List.of("GENERAL"), "specialties", List.of(),
                "contactVillageIds", List.of(), "groupLeader", true, "wecomUserId", leaderUserId));
        long deputyLeader = Fixtures.create("/api/representatives", onWeCom);
        String caseId = team.town().walkInCase(team.town().resident(), "村口的路灯坏了三个月了");
        String number = asOffice().get("/api/cases/" + caseId).then().extract().path("number");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + caseId + "/commands/assign")
                .then().statusCode(200);
        Team.as(team.first()).post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "TIME_LIMITED")).post("/api/cases/" + caseId + "/commands/handling")
                .then().statusCode(200);

        String asked = "路灯线路归供电所管，需要镇里出面协调供电所更换线路，请示是否由镇里统一报修。";
        Team.as(team.first()).body(Map.of("text", asked)).post("/api/cases/" + caseId + "/commands/escalate").then().statusCode(200);

        String text = "【连心桥】请示：诉求 " + number + "（东村·道路交通），代表甲 请示：“" + asked + "”。请批示后在连心桥管理台「请示」中记录。";
        await().atMost(PIPELINE).untilAsserted(() -> {
            List<Map<String, Object>> escalations = asOffice().queryParam("caseId", caseId).queryParam("size", 100).get("/api/messages")
                    .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.template == 'ESCALATION' }");
            assertThat(escalations).allSatisfy(m -> assertThat(m).containsEntry("channel", "WECOM").containsEntry("body", text))
                    .extracting(m -> m.get("recipientKind") + " " + m.get("representativeId"))
                    .containsExactlyInAnyOrder("REPRESENTATIVE " + team.leaderId(), "REPRESENTATIVE " + deputyLeader, "TOWN_OFFICE null");
        });
        // The leader on WeCom has it in their WeCom client: the text as it went to the provider.
        JsonPath sent = await().atMost(PIPELINE).until(() -> providers.wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/send"))
                        .withRequestBody(matchingJsonPath("$.touser", equalTo(leaderUserId)))).stream()
                        .map(r -> JsonPath.from(r.getBodyAsString())).toList(), list -> !list.isEmpty()).get(0);
        assertThat(sent.getString("msgtype")).isEqualTo("text");
        assertThat(sent.getString("text.content")).isEqualTo(text);
        // The representative who asked is not told of their own escalation.
        assertThat(asOffice().queryParam("caseId", caseId).queryParam("representativeId", team.firstId()).get("/api/messages")
                .then().extract().jsonPath().getList("items.findAll { it.template == 'ESCALATION' }")).isEmpty();
    }
}
