package cn.lianxin.rights;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Browser;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.WechatFake;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** A resident sees what is held about them, corrects it, withdraws consents and has it erased, their cases still counted. */
@QuarkusTest
class ResidentRightsTest {

    private static final byte[] PNG = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 72);
    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    ProviderFakes providers;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    /** Every place in the database, in any table's text, JSON or bytes, where {@code value} appears. */
    private List<String> whereInTheDatabase(Object value) {
        List<String> found = new ArrayList<>();
        for (Row column : pool.query("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')""")
                .execute().await().indefinitely()) {
            String table = column.getString(0);
            String name = column.getString(1);
            boolean bytes = column.getString(2).equals("bytea");
            if (bytes != value instanceof byte[]) {
                continue;
            }
            String where = bytes ? "position($1::bytea in \"" + name + "\") > 0" : "\"" + name + "\"::text LIKE '%' || $1 || '%'";
            Object parameter = bytes ? Buffer.buffer((byte[]) value) : value;
            long rows = pool.preparedQuery("SELECT count(*) FROM \"" + table + "\" WHERE " + where).execute(Tuple.of(parameter))
                    .await().indefinitely().iterator().next().getLong(0);
            if (rows > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    private byte[] bytes(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getBuffer(0).getBytes();
    }

    private static long registeredIn(long workstationId) {
        LocalDate today = LocalDate.now(TOWN);
        JsonPath rates = asOffice().queryParam("from", today.minusDays(1).toString()).queryParam("to", today.plusDays(1).toString())
                .queryParam("by", "workstation").queryParam("workstationId", workstationId).get("/api/stats/rates").then().statusCode(200)
                .extract().jsonPath();
        return rates.getList("rows", Map.class).stream().filter(r -> r.get("id") != null && ((Number) r.get("id")).longValue() == workstationId)
                .mapToLong(r -> ((Number) r.get("registered")).longValue()).sum();
    }

    @Test
    void anErasedResidentsNumberOpenidNameAndPhotosAreGoneFromEveryTableAndTheirCasesStillCount() throws Exception {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        MiniProgramResident r = MiniProgramResident.login();
        String phone = Api.uniquePhone();
        String name = Api.unique("张三丰");
        String code = Api.unique("phone-code");
        WechatFake.phone(providers.wechat, code, phone);
        r.api().body(Map.of("code", code)).post("/api/mp/phone").then().statusCode(200);
        r.api().body(Map.of("villageId", town.villageId(), "name", name)).put("/api/mp/me").then().statusCode(200).body("name", equalTo(name));
        String photo = given().auth().oauth2(r.token()).multiPart("file", "a.png", PNG, "image/png").post("/api/mp/uploads")
                .then().statusCode(201).extract().path("id");
        String caseId = MiniProgramResident.submit(r, town, Api.unique("key"), "村口的路灯坏了", List.of(photo), 201);
        Team.as(team.liaison()).get("/api/cases/" + caseId).then().statusCode(200);
        long counted = registeredIn(town.workstationId());
        UUID id = UUID.fromString(r.id());
        byte[] hash = bytes("SELECT phone_hash FROM resident WHERE id = $1", id);
        byte[] cipher = bytes("SELECT phone_cipher FROM resident WHERE id = $1", id);
        Path photoFile = Path.of("target/uploads").resolve(Database.strings(pool, "SELECT path FROM upload WHERE id = $1", UUID.fromString(photo)).get(0));
        assertThat(whereInTheDatabase(r.openid())).contains("resident.openid");
        assertThat(whereInTheDatabase(hash)).contains("resident.phone_hash");
        assertThat(photoFile).exists();

        // What is held: the case, the photo, the binding, and the liaison who read the case.
        JsonPath data = r.api().get("/api/mp/me/data").then().statusCode(200).extract().jsonPath();
        assertThat(data.getString("resident.name")).isEqualTo(name);
        assertThat(data.getList("cases.id")).containsExactly(caseId);
        assertThat(data.getList("photos.id")).containsExactly(photo);
        assertThat(data.getBoolean("bindings.wechat")).isTrue();
        assertThat(data.getList("readBy.actor")).contains(team.liaison());

        r.api().post("/api/mp/me/erasure").then().statusCode(200).body("cases", equalTo(1)).body("photos", equalTo(1));

        assertThat(whereInTheDatabase(phone)).as("the phone number").isEmpty();
        assertThat(whereInTheDatabase(phone.substring(0, 3) + "****" + phone.substring(7))).as("the masked number").isEmpty();
        assertThat(whereInTheDatabase(r.openid())).as("the openid").isEmpty();
        assertThat(whereInTheDatabase(name)).as("the name").isEmpty();
        assertThat(whereInTheDatabase(hash)).as("the phone hash").isEmpty();
        assertThat(whereInTheDatabase(cipher)).as("the phone cipher").isEmpty();
        assertThat(photoFile).doesNotExist();
        assertThat(registeredIn(town.workstationId())).as("the figures").isEqualTo(counted);
        asOffice().get("/api/cases/" + caseId).then().statusCode(200).body("residentId", equalTo(r.id()));
        assertThat(Database.count(pool, "SELECT count(*) FROM resident_erasure WHERE resident_id = $1 AND requested_via = 'MINI_PROGRAM'", id)).isOne();
        // The session ended, and the refresh token no longer brings one back.
        r.api().get("/api/mp/me").then().statusCode(401);
        given().contentType("application/json").body(Map.of("refreshToken", r.refreshToken())).post("/api/mp/session/refresh").then().statusCode(401);
    }

    @Test
    void theTownOfficeErasesAnSmsResidentOnRequestAndALiaisonMayNot() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String phone = Api.uniquePhone();
        String name = Api.unique("王大娘");
        String resident = asOffice().body(Map.of("name", name, "phone", phone, "villageId", town.villageId())).post("/api/residents")
                .then().statusCode(201).extract().path("id");
        town.walkInCase(resident, "水渠堵了");

        asOffice().get("/api/residents/" + resident + "/data").then().statusCode(200).body("resident.name", equalTo(name))
                .body("cases.size()", equalTo(1));
        Team.as(team.liaison()).post("/api/residents/" + resident + "/erasure").then().statusCode(403);
        asOffice().post("/api/residents/" + resident + "/erasure").then().statusCode(200).body("cases", equalTo(1));

        assertThat(whereInTheDatabase(phone)).isEmpty();
        assertThat(whereInTheDatabase(name)).isEmpty();
        assertThat(Database.count(pool, "SELECT count(*) FROM resident_erasure WHERE resident_id = $1 AND requested_by = 'office'",
                UUID.fromString(resident))).isOne();
        assertThat(Database.count(pool, "SELECT count(*) FROM read_audit WHERE resident_id = $1 AND action = 'RESIDENT_DATA' AND actor = 'office'",
                UUID.fromString(resident))).isOne();
        asOffice().post("/api/residents/" + resident + "/erasure").then().statusCode(404);
    }

    @Test
    void theTownOfficeExportsAndErasesAResidentFromTheCasePageOnTheirRequest() {
        Fixtures town = Fixtures.town();
        String phone = Api.uniquePhone();
        String name = Api.unique("赵大爷");
        String resident = asOffice().body(Map.of("name", name, "phone", phone, "villageId", town.villageId())).post("/api/residents")
                .then().statusCode(201).extract().path("id");
        String caseId = town.walkInCase(resident, "路灯不亮");
        String session = Api.login("office", Api.OFFICE_PASSWORD);
        given().cookie("lianxin_session", session).get("/console/cases/" + caseId + "/resident/data.json").then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment")).body("resident.name", equalTo(name));

        ChromeDriver browser = Browser.fresh();
        Browser.signIn(browser, base.toString(), "office", Api.OFFICE_PASSWORD);
        browser.get(base + "console/cases/" + caseId);
        assertThat(browser.findElement(By.cssSelector("#h-resident + p")).getText()).contains(name);
        browser.findElement(By.id("erase-resident")).click();
        browser.switchTo().alert().accept();
        Browser.waiting(browser).until(d -> !d.findElement(By.cssSelector("#h-resident + p")).getText().contains(name));
        Browser.screenshot(browser, "80-case-resident-erased");

        assertThat(whereInTheDatabase(phone)).isEmpty();
        assertThat(whereInTheDatabase(name)).isEmpty();
        assertThat(Database.count(pool, "SELECT count(*) FROM resident_erasure WHERE resident_id = $1 AND requested_by = 'office'",
                UUID.fromString(resident))).isOne();
        assertThat(Database.count(pool, "SELECT count(*) FROM read_audit WHERE resident_id = $1 AND action = 'RESIDENT_DATA'"
                + " AND via = 'GET /console/cases/" + caseId + "/resident/data.json'", UUID.fromString(resident))).isOne();
    }

    @Test
    void aResidentWithdrawsASubscribeConsent() {
        MiniProgramResident r = MiniProgramResident.login();
        r.api().body(Map.of("results", Map.of("tmpl-reply", "accept"))).post("/api/mp/subscriptions").then().statusCode(200);
        assertThat(Database.count(pool, "SELECT remaining FROM mp_subscription WHERE resident_id = $1 AND template_id = 'tmpl-reply'",
                UUID.fromString(r.id()))).isOne();

        r.api().delete("/api/mp/subscriptions/tmpl-reply").then().statusCode(200);

        assertThat(Database.count(pool, "SELECT remaining FROM mp_subscription WHERE resident_id = $1 AND template_id = 'tmpl-reply'",
                UUID.fromString(r.id()))).isZero();
    }
}
