package cn.lianxin.channels.miniprogram;

import cn.lianxin.channels.tencent.RedisWxOps;
import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.MiniProgramResident.login;
import static cn.lianxin.testing.MiniProgramResident.submit;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.WechatFake;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A villager's journey through the mini-program, against the WeChat fake built from PROTOCOLS.md. */
@QuarkusTest
class MiniProgramApiTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    ProviderFakes providers;

    @Inject
    RedisWxOps redisOps;

    @Inject
    Pool pool;

    @Inject
    RedisDataSource redis;

    private static String upload(MiniProgramResident r, byte[] bytes, String name) {
        return given().auth().oauth2(r.token()).multiPart("file", name, bytes, "image/png").post("/api/mp/uploads")
                .then().statusCode(201).body("contentType", equalTo("image/png")).body("size", equalTo(bytes.length))
                .body("sha256", notNullValue()).extract().path("id");
    }

    /** The office takes the case through to its reply (town office may do every step). */
    private static void reply(String caseId, String text) {
        asOffice().post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + caseId + "/commands/handling").then().statusCode(200);
        asOffice().body(Map.of("text", "内部备注：已联系电力所 13900001111")).post("/api/cases/" + caseId + "/commands/notes").then().statusCode(200);
        asOffice().body(Map.of("text", text)).post("/api/cases/" + caseId + "/commands/reply").then().statusCode(200);
    }

    private static List<Map<String, Object>> messagesOf(String residentId) {
        return asOffice().queryParam("residentId", residentId).queryParam("size", 100).get("/api/messages").then().statusCode(200)
                .extract().path("items");
    }

    private static String bindPhone(MiniProgramResident r, ProviderFakes providers, String phone) {
        String code = Api.unique("phone-code");
        WechatFake.phone(providers.wechat, code, phone);
        return r.api().body(Map.of("code", code)).post("/api/mp/phone").then().statusCode(200)
                .body("maskedPhone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7))).extract().asString();
    }

    @Test
    void shouldSignInWithAWechatCodeAndRefuseABadOne() {
        MiniProgramResident r = login();
        r.api().get("/api/mp/me").then().statusCode(200).body("id", equalTo(r.id())).body("maskedPhone", nullValue());
        // The same WeChat user signing in again is the same resident.
        assertThat(given().contentType(ContentType.JSON).body(Map.of("code", r.openid().substring(2))).post("/api/mp/login")
                .then().statusCode(200).extract().<String>path("resident.id")).isEqualTo(r.id());

        given().contentType(ContentType.JSON).body(Map.of("code", "bad-" + UUID.randomUUID())).post("/api/mp/login").then()
                .statusCode(401).contentType("application/problem+json").body("detail", containsString("重新进入小程序"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/mp/login").then().statusCode(422).body("errors[0].field", equalTo("code"));

        // Residents and staff stay on their own side.
        r.api().get("/api/cases").then().statusCode(403);
        asOffice().get("/api/mp/me").then().statusCode(403);
        given().get("/api/mp/me").then().statusCode(401).body("detail", containsString("/api/mp/login"));
    }

    @Test
    void shouldRefreshOnceAndRevokeOnLogout() {
        MiniProgramResident r = login();
        String next = given().contentType(ContentType.JSON).body(Map.of("refreshToken", r.refreshToken())).post("/api/mp/session/refresh")
                .then().statusCode(200).body("resident.id", equalTo(r.id())).extract().path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", r.refreshToken())).post("/api/mp/session/refresh")
                .then().statusCode(401);
        r.api().body(Map.of("refreshToken", next)).post("/api/mp/logout").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", next)).post("/api/mp/session/refresh").then().statusCode(401);
    }

    @Test
    void shouldMergeABoundPhoneIntoTheResidentKnownFromAWalkIn() {
        Fixtures town = Fixtures.town();
        String phone = Api.uniquePhone();
        String walkIn = asOffice().body(Map.of("name", "王大妈", "phone", phone, "villageId", town.villageId())).post("/api/residents")
                .then().statusCode(201).extract().path("id");
        String earlier = asOffice().body(Map.of("residentId", walkIn, "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "去年反映的水渠堵塞")).post("/api/cases").then().statusCode(201).extract().path("id");
        MiniProgramResident r = login();
        String mine = submit(r, town, "k1", "村口路灯不亮", List.of(), 201);

        String bound = bindPhone(r, providers, phone);
        JsonNode answer = json(bound);
        assertThat(answer.get("merged").asBoolean()).isTrue();
        assertThat(answer.get("resident").get("id").asText()).isEqualTo(walkIn);
        MiniProgramResident merged = new MiniProgramResident(r.openid(), answer.get("token").asText(), answer.get("refreshToken").asText(), walkIn);

        // One resident with both histories; the mini-program-only row is gone from sign-in.
        merged.api().get("/api/mp/cases").then().statusCode(200).body("total", equalTo(2)).body("items.id", hasItem(earlier))
                .body("items.id", hasItem(mine));
        asOffice().queryParam("phone", phone).get("/api/residents").then().body("total", equalTo(1))
                .body("items[0].id", equalTo(walkIn)).body("items[0].miniProgram", equalTo(true));
        asOffice().get("/api/cases/" + mine).then().body("residentId", equalTo(walkIn)).body("version", equalTo(1));
        // The moved case says so on its record and announces it; the walk-in's own case was not moved.
        asOffice().get("/api/cases/" + mine + "/activity").then().body("action", hasItem("MERGE_RESIDENT"));
        assertThat(Database.count(pool, "SELECT count(*) FROM outbox_event WHERE aggregate_id = $1 AND event_type = 'case.resident-merged'"
                + " AND payload->>'intoResidentId' = $2", mine, walkIn)).isEqualTo(1);
        asOffice().get("/api/cases/" + earlier + "/activity").then().body("action", not(hasItem("MERGE_RESIDENT")));
        r.api().get("/api/mp/me").then().statusCode(401);
        assertThat(given().contentType(ContentType.JSON).body(Map.of("code", r.openid().substring(2))).post("/api/mp/login")
                .then().statusCode(200).extract().<String>path("resident.id")).isEqualTo(walkIn);
    }

    @Test
    void shouldSubmitWithPhotosOnceForRetriesAndLimitTheRate() throws Exception {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        byte[] first = Arrays.copyOf(PNG, 64);
        byte[] second = Arrays.copyOf(PNG, 80);
        String p1 = upload(r, first, "a.png");
        String p2 = upload(r, second, "b.png");

        // The client sends the submit twice at once (a double tap on a slow network): one case, answered to both.
        Map<String, Object> concern = Map.of("text", "桥面有裂缝，雨天很危险", "categoryId", town.categoryId(), "villageId", town.villageId(),
                "photoIds", List.of(p1, p2), "anonymous", true);
        Callable<Response> tap = () -> r.api().header("Idempotency-Key", "retry-key").body(concern).post("/api/mp/cases");
        List<Response> answers = Api.atOnce(2, tap);
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 201);
        String id = answers.get(0).path("id");
        assertThat(answers.get(1).<String>path("id")).isEqualTo(id);
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1", UUID.fromString(r.id()))).isOne();
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE id = $1 AND anonymous", UUID.fromString(id))).isOne();
        // The client did not see the answer and sends the same submit again later: still the first case.
        r.api().header("Idempotency-Key", "retry-key").body(concern).post("/api/mp/cases").then().statusCode(200).body("id", equalTo(id));
        // The same key for another concern is the client's mistake, not a retry: refused, and no second case.
        r.api().header("Idempotency-Key", "retry-key").body(Map.of("text", "另一件事", "categoryId", town.categoryId()))
                .post("/api/mp/cases").then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));

        r.api().get("/api/mp/cases/" + id).then().statusCode(200).body("photos", hasSize(2)).body("state", equalTo("REGISTERED"))
                .body("stateLabel", equalTo("登记")).body("villageName", equalTo("东村")).body("canRate", equalTo(false));
        byte[] stored = r.api().get("/api/mp/uploads/" + p2).then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertThat(stored).isEqualTo(second);
        asOffice().get("/api/cases/" + id).then().body("channel", equalTo("MINIPROGRAM")).body("contentReview", nullValue());
        // Staff who see the case see its photos; the resident's token opens no staff door.
        String staffUrl = asOffice().get("/api/cases/" + id + "/photos").then().statusCode(200).body("id", hasSize(2))
                .body("sha256", hasItem(sha256(second))).extract().path("find { it.id == '" + p2 + "' }.url");
        assertThat(asOffice().get(staffUrl).then().statusCode(200).extract().asByteArray()).isEqualTo(second);
        r.api().get("/api/cases/" + id + "/photos").then().statusCode(403);

        submit(r, town, "k2", "第二件事", List.of(), 201);
        submit(r, town, "k3", "第三件事", List.of(), 201);
        r.api().header("Idempotency-Key", "k4").body(Map.of("text", "第四件事", "categoryId", town.categoryId(), "villageId", town.villageId()))
                .post("/api/mp/cases").then().statusCode(429).header("Retry-After", notNullValue());
        r.api().get("/api/mp/cases").then().body("total", equalTo(3)).body("items[2].id", equalTo(id));
        // A photo goes with one case only.
        r.api().header("Idempotency-Key", "k5").body(Map.of("text", "x", "categoryId", town.categoryId(), "photoIds", List.of(p1)))
                .post("/api/mp/cases").then().statusCode(422).body("errors[0].field", equalTo("photoIds"));
        r.api().body(Map.of("text", "没有幂等键", "categoryId", town.categoryId())).post("/api/mp/cases").then().statusCode(422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void shouldGiveTheSubmitCounterItsWindowEvenWhenACrashLeftItWithout() {
        Fixtures town = Fixtures.town();
        MiniProgramResident fresh = login();
        submit(fresh, town, Api.unique("ttl"), "村口路灯不亮", List.of(), 201);
        assertThat(redis.key().pttl(SubmitLimit.key(UUID.fromString(fresh.id())))).isBetween(1L, Duration.ofHours(1).toMillis());

        // What a crash between a separate INCR and PEXPIRE left behind: a counter that would never expire.
        MiniProgramResident stuck = login();
        String key = SubmitLimit.key(UUID.fromString(stuck.id()));
        redis.value(Long.class).set(key, 1L);
        submit(stuck, town, Api.unique("ttl"), "村口路灯不亮", List.of(), 201);
        assertThat(redis.key().pttl(key)).isBetween(1L, Duration.ofHours(1).toMillis());
    }

    @Test
    void shouldRefuseRiskyTextAndFlagTextForReview() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        String risky = Api.unique("风险内容");
        String review = Api.unique("待复核内容");
        WechatFake.verdict(providers.wechat, risky, "risky", 20001);
        WechatFake.verdict(providers.wechat, review, "review", 20006);

        r.api().header("Idempotency-Key", "risky").body(Map.of("text", "请处理" + risky, "categoryId", town.categoryId(), "villageId", town.villageId()))
                .post("/api/mp/cases").then().statusCode(422).body("errors[0].field", equalTo("text"))
                .body("errors[0].message", containsString("内容安全"));
        r.api().get("/api/mp/cases").then().body("total", equalTo(0));

        String id = r.api().header("Idempotency-Key", "review").body(Map.of("text", "请处理" + review, "categoryId", town.categoryId(),
                "villageId", town.villageId())).post("/api/mp/cases").then().statusCode(201).body("flagged", equalTo(true)).extract().path("id");
        asOffice().get("/api/cases/" + id).then().body("contentReview", containsString("20006"));
        LoggedRequest check = providers.wechat.findAll(postRequestedFor(urlPathEqualTo("/wxa/msg_sec_check"))
                .withRequestBody(matchingJsonPath("$.content", WireMock.containing(review)))).get(0);
        JsonNode body = json(check.getBodyAsString());
        assertThat(body.get("version").asText()).isEqualTo("2");
        assertThat(body.get("openid").asText()).isEqualTo(r.openid());
        assertThat(body.get("scene").asInt()).isBetween(1, 4);
    }

    @Test
    void shouldSendTheReplyAsSubscribeMessagesThenTakeTheRatingAndReopen() {
        Fixtures town = Fixtures.town();
        town.representative("王秀兰", List.of("GENERAL"), List.of(), List.of(town.villageId()), null);
        MiniProgramResident r = login();
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept", "tmpl-feedback", "accept"))).post("/api/mp/subscriptions")
                .then().statusCode(200).body("templates.find { it.templateId == 'tmpl-reply' }.remaining", equalTo(1))
                .body("templates.find { it.templateId == 'tmpl-feedback' }.purpose", equalTo("FEEDBACK_PROMPT"));
        String id = submit(r, town, "k", "学校门口没有红绿灯，孩子过马路很危险", List.of(), 201);
        String number = r.api().get("/api/mp/cases/" + id).then().body("repliedAt", nullValue()).body("repliedBy", nullValue())
                .extract().path("number");

        reply(id, "已协调交警部门，下月初在学校门口安装红绿灯并安排护学岗");
        await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(r.openid()).size() == 2);
        JsonNode notice = sentTo(r.openid()).stream().filter(b -> b.get("template_id").asText().equals("tmpl-reply")).findFirst().orElseThrow();
        assertThat(notice.get("page").asText()).endsWith("?id=" + id);
        assertThat(notice.at("/data/character_string1/value").asText()).isEqualTo(number);
        String thing = notice.at("/data/thing2/value").asText();
        assertThat(thing.codePointCount(0, thing.length())).isLessThanOrEqualTo(20);
        assertThat(thing).startsWith("已协调交警部门").endsWith("…");
        assertThat(notice.at("/data/time3/value").asText()).matches("\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(messagesOf(r.id()))
                .filteredOn(m -> "MINIPROGRAM".equals(m.get("channel"))).extracting(m -> m.get("status")).containsOnly("SENT").hasSize(2));
        r.api().get("/api/mp/subscriptions").then().body("templates.remaining", equalTo(List.of(0, 0, 0, 0)));

        r.api().get("/api/mp/cases/" + id).then().statusCode(200).body("state", equalTo("REPLIED")).body("canRate", equalTo(true))
                .body("reply", containsString("红绿灯")).body("timeline.step", hasItem("REPLIED"))
                // The office typed the reply in; the resident is told the name of the representative answerable for it.
                .body("repliedBy", equalTo("王秀兰")).body("repliedAt", equalTo(asOffice().get("/api/cases/" + id).then()
                        .extract().path("repliedAt"))).body("feedbackComment", nullValue())
                .body("timeline.detail", not(hasItem(containsString("内部备注")))).body(not(containsString("13900001111")));
        r.api().body(Map.of("rating", "UNSATISFIED", "comment", "时间太久")).post("/api/mp/cases/" + id + "/feedback").then()
                .statusCode(200).body("state", equalTo("FEEDBACK_GIVEN")).body("feedback", equalTo("UNSATISFIED"))
                .body("feedbackComment", equalTo("时间太久")).body("repliedBy", equalTo("王秀兰")).body("canReopen", equalTo(true));
        r.api().body(Map.of("reason", "希望尽快安装")).post("/api/mp/cases/" + id + "/reopen").then()
                .statusCode(200).body("state", equalTo("IN_PROGRESS")).body("timeline.detail", hasItem("已重新办理"))
                .body("repliedAt", nullValue()).body("repliedBy", nullValue()).body("feedbackComment", nullValue());
        r.api().body(Map.of("rating", "GREAT")).post("/api/mp/cases/" + id + "/feedback").then().statusCode(422);
    }

    @Test
    void shouldFallBackToSmsWhenWechatRefusesTheSubscribeMessage() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        assertThat(json(bindPhone(r, providers, Api.uniquePhone())).get("merged").asBoolean()).isFalse();
        r.api().body(Map.of("villageId", town.villageId())).put("/api/mp/me").then().statusCode(200)
                .body("villageId", equalTo((int) town.villageId())).body("phoneBound", equalTo(true));
        r.api().body(Map.of("villageId", -1)).put("/api/mp/me").then().statusCode(422).body("errors[0].field", equalTo("villageId"));
        WechatFake.refuseSubscribe(providers.wechat, r.openid());
        // A consent for the reply (which WeChat then refuses with 43101); none for the prompt.
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept", "tmpl-feedback", "reject"))).post("/api/mp/subscriptions")
                .then().statusCode(200);
        String id = submit(r, town, "k", "河道里有人倾倒垃圾", List.of(), 201);

        reply(id, "已通知保洁队清理，并在河边设立警示牌");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> messages = messagesOf(r.id());
            assertThat(messages).filteredOn(m -> "MINIPROGRAM".equals(m.get("channel")))
                    .extracting(m -> m.get("status") + " " + m.get("lastError"))
                    .hasSize(2).allMatch(s -> s.startsWith("FAILED fell back to SMS"));
            assertThat(messages).filteredOn(m -> "SMS".equals(m.get("channel")) && "SENT".equals(m.get("status")))
                    .extracting(m -> (String) m.get("body")).anyMatch(b -> b.contains("已通知保洁队")).anyMatch(b -> b.contains("回复1满意"));
        });
        assertThat(sentTo(r.openid())).hasSize(1);
        r.api().get("/api/mp/subscriptions").then().body("templates.remaining", equalTo(List.of(0, 0, 0, 0)));
    }

    @Test
    void shouldFailAMessageWechatCallsInvalidForGoodAndKeepTheConsent() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        WechatFake.refuseSubscribe(providers.wechat, r.openid(), 47003, "argument invalid! data.thing2.value is too long");
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        String id = submit(r, town, "k", "公交站的雨棚塌了", List.of(), 201);

        reply(id, "已报公交公司维修");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(messagesOf(r.id()))
                .filteredOn(m -> "MINIPROGRAM".equals(m.get("channel"))).extracting(m -> m.get("status") + " " + m.get("lastError"))
                .containsExactlyInAnyOrder(
                        "FAILED WeChat errcode 47003: argument invalid! data.thing2.value is too long; no bound phone to fall back to",
                        "FAILED no subscribe consent left; no bound phone to fall back to"));
        // WeChat refused the message, not the resident: the consent is still there for the next one.
        r.api().get("/api/mp/subscriptions").then().body("templates.find { it.templateId == 'tmpl-reply' }.remaining", equalTo(1));
        assertThat(messagesOf(r.id())).noneMatch(m -> "SMS".equals(m.get("channel")));
    }

    @Test
    void shouldFallBackToSmsWhenWechatRefusesTheMessageForGoodForAnotherReason() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        bindPhone(r, providers, Api.uniquePhone());
        WechatFake.refuseSubscribe(providers.wechat, r.openid(), 40003, "invalid openid");
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept", "tmpl-feedback", "accept"))).post("/api/mp/subscriptions")
                .then().statusCode(200);
        String id = submit(r, town, "k", "村委会门口的台阶太高，老人上不去", List.of(), 201);

        reply(id, "已安排施工队加装无障碍坡道");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> messages = messagesOf(r.id());
            assertThat(messages).filteredOn(m -> "MINIPROGRAM".equals(m.get("channel")))
                    .extracting(m -> m.get("status") + " " + m.get("lastError"))
                    .containsOnly("FAILED fell back to SMS: WeChat errcode 40003: invalid openid").hasSize(2);
            // Each failed WeChat message became exactly one SMS, and the Aliyun fake took both.
            assertThat(messages).filteredOn(m -> "SMS".equals(m.get("channel")))
                    .extracting(m -> m.get("status") + " " + m.get("body")).hasSize(2).allMatch(s -> s.startsWith("SENT "))
                    .anyMatch(b -> b.contains("已安排施工队加装无障碍坡道")).anyMatch(b -> b.contains("回复1满意"));
        });
        // WeChat refused both sends; neither consent was used up by a message WeChat never showed.
        r.api().get("/api/mp/subscriptions").then().body("templates.remaining", equalTo(List.of(1, 1, 0, 0)));
    }

    @Test
    void shouldShowStaffWhoAnAnonymousResidentIsAndThatTheyAskedNotToBeNamed() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        String id = r.api().header("Idempotency-Key", "k").body(Map.of("text", "村里的账目一直不公开", "categoryId", town.categoryId(),
                "villageId", town.villageId(), "anonymous", true)).post("/api/mp/cases").then().statusCode(201).extract().path("id");
        String open = submit(r, town, "k2", "路边的垃圾桶满了", List.of(), 201);

        asOffice().get("/api/cases/" + id).then().statusCode(200).body("anonymous", equalTo(true)).body("residentId", equalTo(r.id()));
        asOffice().get("/api/cases/" + open).then().statusCode(200).body("anonymous", equalTo(false));
    }

    @Test
    void shouldHideAnotherResidentsCaseAndPhotos() {
        Fixtures town = Fixtures.town();
        MiniProgramResident owner = login();
        MiniProgramResident other = login();
        String photo = upload(owner, Arrays.copyOf(PNG, 40), "p.png");
        String id = submit(owner, town, "k", "邻居家的狗晚上一直叫", List.of(photo), 201);

        other.api().get("/api/mp/cases/" + id).then().statusCode(404);
        other.api().get("/api/mp/uploads/" + photo).then().statusCode(404);
        other.api().body(Map.of("rating", "SATISFIED")).post("/api/mp/cases/" + id + "/feedback").then().statusCode(404);
        other.api().get("/api/mp/cases").then().body("total", equalTo(0));
        owner.api().get("/api/mp/uploads/" + photo).then().statusCode(200);
    }

    @Test
    void shouldRefuseUploadsThatAreNotImagesOrTooLarge() {
        MiniProgramResident r = login();
        given().auth().oauth2(r.token()).multiPart("file", "a.png", "not really a picture".getBytes(), "image/png").post("/api/mp/uploads")
                .then().statusCode(415).body("errors[0].field", equalTo("file"));
        given().auth().oauth2(r.token()).multiPart("file", "big.png", Arrays.copyOf(PNG, 70_000), "image/png").post("/api/mp/uploads")
                .then().statusCode(413).body("errors[0].field", equalTo("file"));
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE resident_id = $1", UUID.fromString(r.id()))).isZero();
    }

    @Test
    void shouldShowWorkstationsAndRepresentativesWithoutPhoneNumbersToAnyone() {
        Fixtures town = Fixtures.town();
        long rep = Fixtures.create("/api/representatives", Map.of("name", "张代表", "workstationId", town.workstationId(),
                "constituencyId", town.constituencyId(), "workFields", List.of("GENERAL", "DISPUTE_MEDIATION"), "specialties", List.of("水利"),
                "contactVillageIds", List.of(), "groupLeader", false, "photoUrl", "https://example.invalid/zhang.jpg",
                "receptionSchedule", "每月10日上午 党群服务中心"));
        given().get("/api/public/workstations/" + town.workstationId()).then().statusCode(200)
                .body("representatives.find { it.id == " + rep + " }.receptionSchedule", equalTo("每月10日上午 党群服务中心"))
                .body("representatives.find { it.id == " + rep + " }.photoUrl", equalTo("https://example.invalid/zhang.jpg"))
                .body("representatives.find { it.id == " + rep + " }.workFields", containsInAnyOrder("综合事务", "矛盾调解"))
                .body(not(containsString("phone")));
        given().get("/api/public/workstations").then().statusCode(200).body("id", hasItem((int) town.workstationId()));
        given().get("/api/public/villages").then().statusCode(200).body("id", hasItem((int) town.villageId()));
        given().get("/api/public/categories").then().statusCode(200).body("id", hasItem((int) town.categoryId()));
    }

    @Test
    void shouldShareOneAccessTokenBetweenTwoInstances() throws Exception {
        String appId = Api.unique("wx-shared");
        WxMaService one = MiniProgramClient.service(appId, TestSecrets.WECHAT_SECRET, providers.wechat.baseUrl(), redisOps);
        WxMaService two = MiniProgramClient.service(appId, TestSecrets.WECHAT_SECRET, providers.wechat.baseUrl(), redisOps);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                WxMaService service = i % 2 == 0 ? one : two;
                calls.add(service::getAccessToken);
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> f : threads.invokeAll(calls)) {
                tokens.add(f.get());
            }
            assertThat(tokens).doesNotContainNull().containsOnly(tokens.get(0));
        } finally {
            threads.shutdown();
        }
        providers.wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")).withQueryParam("appid", WireMock.equalTo(appId)));
    }

    private List<JsonNode> sentTo(String openid) {
        return providers.wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send"))
                .withRequestBody(matchingJsonPath("$.touser", WireMock.equalTo(openid))))
                .stream().map(request -> json(request.getBodyAsString())).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
