package cn.lianxin.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.MiniProgramResident;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a resident agreed to and withdrew is recorded with its time and channel, and is part of their data. */
@QuarkusTest
class ConsentsTest {

    @Inject
    Pool pool;

    @Test
    void acceptingThePrivacyNoticeInForceIsRecordedAndAnOtherVersionIsRefused() {
        MiniProgramResident r = MiniProgramResident.login();
        r.api().get("/api/mp/privacy").then().statusCode(200).body("version", equalTo("2026-12-01")).body("accepted", equalTo(false))
                .body("acceptedAt", nullValue());

        r.api().body(Map.of("version", "2020-01-01")).post("/api/mp/privacy").then().statusCode(422).body("errors[0].field", equalTo("version"));
        r.api().body(Map.of("version", "2026-12-01")).post("/api/mp/privacy").then().statusCode(200).body("accepted", equalTo(true));

        r.api().get("/api/mp/privacy").then().body("accepted", equalTo(true)).body("acceptedAt", notNullValue());
        assertThat(Database.count(pool, "SELECT count(*) FROM consent WHERE resident_id = $1 AND kind = 'PRIVACY_NOTICE'"
                + " AND subject = '2026-12-01' AND granted AND channel = 'MINI_PROGRAM'", UUID.fromString(r.id()))).isOne();
    }

    @Test
    void subscribeConsentsAndTheirWithdrawalAreLoggedAndExported() {
        MiniProgramResident r = MiniProgramResident.login();
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept", "tmpl-feedback", "reject"))).post("/api/mp/subscriptions")
                .then().statusCode(200);
        r.api().delete("/api/mp/subscriptions/tmpl-reply").then().statusCode(200);
        r.api().delete("/api/mp/subscriptions/not-ours").then().statusCode(422).body("errors[0].field", equalTo("templateId"));

        JsonPath data = r.api().get("/api/mp/me/data").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> log = data.getList("consents.log");
        assertThat(log).extracting(e -> e.get("kind") + " " + e.get("subject") + " " + e.get("granted") + " " + e.get("channel"))
                .containsExactlyInAnyOrder("SUBSCRIBE_MESSAGE tmpl-reply true MINI_PROGRAM", "SUBSCRIBE_MESSAGE tmpl-feedback false MINI_PROGRAM",
                        "SUBSCRIBE_MESSAGE tmpl-reply false MINI_PROGRAM");
        assertThat(log).allSatisfy(e -> assertThat(e.get("at")).isNotNull());
        assertThat(data.getList("consents.subscribeMessages.remaining")).containsOnly(0);
    }
}
