package cn.lianxin.questions;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** 基层出题，代表答题 through the API: a resident asks in public, the town office moderates, anyone reads the board. */
@QuarkusTest
class PublicQuestionsTest {

    @Inject
    Pool pool;

    @Test
    void anUnmoderatedQuestionIsNeverPublic() {
        Fixtures town = Fixtures.town();
        String caseId = ask(MiniProgramResident.login(), town, "村里的垃圾清运一周才来一次，能不能加密？", false);

        assertThat(boardIds()).doesNotContain(caseId);
        given().get("/api/public/questions/" + caseId).then().statusCode(404);
        given().get("/public/questions/" + caseId).then().statusCode(404);
        assertThat(given().get("/public/questions").then().statusCode(200).extract().asString()).doesNotContain("垃圾清运");
        // A question is a case like any other: registered and routed (this town has no representatives yet, so it waits in
        // its workstation's dispatch queue with the reason).
        JsonPath c = asOffice().get("/api/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        assertThat(c.getString("state")).isEqualTo("REGISTERED");
        assertThat(c.getLong("workstationId")).isEqualTo(town.workstationId());
        assertThat(c.getList("routingReasons")).isNotEmpty();
        assertThat(awaiting(caseId)).containsEntry("part", "QUESTION");

        // Kept private with a reason: still not public, and the reason is kept.
        asOffice().body(Map.of()).post("/api/questions/" + caseId + "/keep-private").then().statusCode(422)
                .body("errors[0].field", equalTo("reason"));
        asOffice().body(Map.of("reason", "涉及邻里纠纷，不宜公开")).post("/api/questions/" + caseId + "/keep-private").then().statusCode(200)
                .body("status", equalTo("KEPT_PRIVATE")).body("privateReason", equalTo("涉及邻里纠纷，不宜公开"));
        assertThat(boardIds()).doesNotContain(caseId);
        given().get("/api/public/questions/" + caseId).then().statusCode(404);
        assertThat(awaiting(caseId)).isNull();
    }

    @Test
    void redactionRemovesPhoneAndIdNumberFromThePublicTextWhileStaffSeeTheOriginal() {
        Fixtures town = Fixtures.town();
        String original = "我家门前的排水沟堵了，电话13912345678，身份证110101199003071234，请尽快疏通";
        String caseId = ask(MiniProgramResident.login(), town, original, false);

        assertThat(awaiting(caseId)).containsEntry("proposedText", "我家门前的排水沟堵了，电话【电话已隐去】，身份证【身份证号已隐去】，请尽快疏通");
        // A person's edit that still shows a number is refused at the field.
        asOffice().body(Map.of("text", "排水沟堵了，请联系13912345678")).post("/api/questions/" + caseId + "/publish").then().statusCode(422)
                .body("errors[0].field", equalTo("text"));
        assertThat(boardIds()).doesNotContain(caseId);

        asOffice().body(Map.of()).post("/api/questions/" + caseId + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        JsonPath card = given().get("/api/public/questions/" + caseId).then().statusCode(200).extract().jsonPath();
        assertThat(card.getString("text")).isEqualTo("我家门前的排水沟堵了，电话【电话已隐去】，身份证【身份证号已隐去】，请尽快疏通");
        assertThat(card.getString("answer")).isNull();
        assertThat(card.getLong("workstationId")).isEqualTo(town.workstationId());
        assertThat(card.getInt("daysWaiting")).isZero();
        assertThat(card.getString("village")).isEqualTo("东村");
        assertThat(boardIds()).contains(caseId);
        String page = given().get("/public/questions/" + caseId).then().statusCode(200).extract().asString();
        assertThat(page).contains("【电话已隐去】").doesNotContain("13912345678").doesNotContain("110101199003071234");
        assertThat(given().get("/api/public/questions?size=200").then().extract().asString())
                .doesNotContain("13912345678").doesNotContain("110101199003071234");

        // Staff still read the resident's own words.
        asOffice().get("/api/cases/" + caseId).then().statusCode(200).body("text", equalTo(original));
    }

    @Test
    void anAnonymousAskersNameAppearsNowherePublic() {
        Fixtures town = Fixtures.town();
        MiniProgramResident asker = MiniProgramResident.login();
        asker.api().body(Map.of("villageId", town.villageId(), "name", "王秀英")).put("/api/mp/me").then().statusCode(200);
        String caseId = ask(asker, town, "我是王秀英，村里的自来水这几天发黄，能不能检测一下？", true);
        asOffice().body(Map.of()).post("/api/questions/" + caseId + "/publish").then().statusCode(200);
        reply(caseId, "王秀英您好，水务站已取样检测，周五前出结果并张贴公示。");
        assertThat(awaiting(caseId)).containsEntry("part", "ANSWER")
                .containsEntry("proposedText", "【姓名已隐去】您好，水务站已取样检测，周五前出结果并张贴公示。");
        asOffice().body(Map.of()).post("/api/questions/" + caseId + "/answer/publish").then().statusCode(200);

        JsonPath card = given().get("/api/public/questions/" + caseId).then().statusCode(200).extract().jsonPath();
        assertThat(card.getString("text")).isEqualTo("我是【姓名已隐去】，村里的自来水这几天发黄，能不能检测一下？");
        assertThat(card.getString("answer")).isEqualTo("【姓名已隐去】您好，水务站已取样检测，周五前出结果并张贴公示。");
        assertThat(card.getString("village")).isNull();
        for (String publicBody : List.of(given().get("/api/public/questions?size=200").asString(), given().get("/public/questions").asString())) {
            assertThat(publicBody).doesNotContain("王秀英");
        }
        // Nor their village (other tests' named askers share the name 东村 on the board, so only this question's own).
        for (String own : List.of(given().get("/api/public/questions/" + caseId).asString(), given().get("/public/questions/" + caseId).asString())) {
            assertThat(own).doesNotContain("王秀英").doesNotContain("东村");
        }
        // Staff still see who asked and what was said.
        asOffice().get("/api/cases/" + caseId).then().body("text", equalTo("我是王秀英，村里的自来水这几天发黄，能不能检测一下？"));
    }

    @Test
    void anAnswerMarkedDidNotAnswerIsStoredAsSuch() {
        Fixtures town = Fixtures.town();
        MiniProgramResident asker = MiniProgramResident.login();
        String caseId = ask(asker, town, "村小学门口什么时候装减速带？", false);
        asOffice().body(Map.of()).post("/api/questions/" + caseId + "/publish").then().statusCode(200);
        reply(caseId, "已转交交通部门研究。");

        // No answer is public yet: the reply waits for moderation, and there is nothing to give a verdict on.
        given().get("/api/public/questions/" + caseId).then().statusCode(200).body("answer", nullValue());
        asker.api().body(Map.of("answered", false)).post("/api/mp/questions/" + caseId + "/verdict").then().statusCode(409);

        asOffice().body(Map.of()).post("/api/questions/" + caseId + "/answer/publish").then().statusCode(200);
        given().get("/api/public/questions/" + caseId).then().statusCode(200).body("answer", equalTo("已转交交通部门研究。"));
        // Only the asker gives the verdict: for anyone else the question is not theirs.
        MiniProgramResident.login().api().body(Map.of("answered", true)).post("/api/mp/questions/" + caseId + "/verdict").then().statusCode(404);
        asker.api().body(Map.of()).post("/api/mp/questions/" + caseId + "/verdict").then().statusCode(422)
                .body("errors[0].field", equalTo("answered"));
        asker.api().body(Map.of("answered", false)).post("/api/mp/questions/" + caseId + "/verdict").then().statusCode(200)
                .body("answeredQuestion", equalTo(false));

        assertThat(Database.strings(pool, "SELECT answered_question::text FROM public_question WHERE case_id = $1", UUID.fromString(caseId)))
                .containsExactly("false");
        asker.api().get("/api/mp/questions").then().statusCode(200).body("find { it.caseId == '" + caseId + "' }.answeredQuestion", equalTo(false));
    }

    @Test
    void askingNeedsTextAndTakesTheCatchAllCategoryWhenNoneIsChosen() {
        int status = asOffice().body(Map.of("code", "other", "name", "其他", "workField", "GENERAL")).post("/api/categories").statusCode();
        assertThat(status).isIn(201, 409);
        Fixtures town = Fixtures.town();
        MiniProgramResident asker = MiniProgramResident.login();
        asker.api().body(Map.of("villageId", town.villageId(), "anonymous", false)).post("/api/mp/questions").then().statusCode(422)
                .body("errors[0].field", equalTo("text"));
        String caseId = asker.api().body(Map.of("text", "村里能办老年食堂吗？", "villageId", town.villageId(), "anonymous", false))
                .post("/api/mp/questions").then().statusCode(201).body("status", equalTo("AWAITING_MODERATION")).extract().path("caseId");
        long other = Database.count(pool, "SELECT id FROM category WHERE code = 'other' AND active");
        asOffice().get("/api/cases/" + caseId).then().body("categoryId", equalTo((int) other));
    }

    static String ask(MiniProgramResident r, Fixtures town, String text, boolean anonymous) {
        Map<String, Object> body = new HashMap<>(Map.of("text", text, "villageId", town.villageId(), "categoryId", town.categoryId(),
                "anonymous", anonymous));
        return r.api().header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/mp/questions")
                .then().statusCode(201).body("status", equalTo("AWAITING_MODERATION")).extract().path("caseId");
    }

    /** The office takes the case through to its reply (the town office may give every step). */
    static void reply(String caseId, String text) {
        asOffice().post("/api/cases/" + caseId + "/commands/sign-for").then().statusCode(200);
        asOffice().body(Map.of("handlingClass", "ON_THE_SPOT")).post("/api/cases/" + caseId + "/commands/handling").then().statusCode(200);
        asOffice().body(Map.of("text", text)).post("/api/cases/" + caseId + "/commands/reply").then().statusCode(200);
    }

    private static List<String> boardIds() {
        return given().get("/api/public/questions?size=200").then().statusCode(200).extract().jsonPath().getList("items.caseId");
    }

    /** The queue's item for this case, or null when it awaits nothing. */
    private static Map<String, Object> awaiting(String caseId) {
        List<Map<String, Object>> queue = asOffice().get("/api/questions/moderation").then().statusCode(200).extract().jsonPath().getList("$");
        return queue.stream().filter(item -> caseId.equals(item.get("caseId"))).findFirst().orElse(null);
    }
}
