package cn.lianxin.masterdata;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MasterDataApiTest {

    @Test
    void shouldRefuseCallersWithoutAValidToken() {
        given().get("/api/villages").then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).header("WWW-Authenticate", "Bearer realm=\"lianxin\"");
        given().auth().oauth2("not-a-token").get("/api/villages").then().statusCode(401);
    }

    @Test
    void shouldBuildATownWithItsWorkstationAndRepresentatives() {
        Fixtures town = Fixtures.town();
        long second = Fixtures.create("/api/villages", Map.of("constituencyId", town.constituencyId(), "name", "西村"));

        long representative = Fixtures.create("/api/representatives", Map.of("name", "张国强", "workstationId", town.workstationId(),
                "constituencyId", town.constituencyId(), "residenceVillageId", town.villageId(),
                "workFields", List.of("ROADS_AND_INFRASTRUCTURE", "GENERAL"), "specialties", List.of("工程建设"),
                "contactVillageIds", List.of(town.villageId(), second), "wecomUserId", Api.unique("zgq"), "groupLeader", true));

        asOffice().get("/api/representatives/" + representative).then().statusCode(200)
                .body("workFields", containsInAnyOrder("ROADS_AND_INFRASTRUCTURE", "GENERAL"))
                .body("contactVillageIds", containsInAnyOrder((int) town.villageId(), (int) second))
                .body("groupLeader", equalTo(true));
        asOffice().queryParam("villageId", town.villageId()).get("/api/workstations").then().statusCode(200)
                .body("items.id", hasItem((int) town.workstationId()));
        asOffice().queryParam("workstationId", town.workstationId()).get("/api/representatives").then()
                .body("total", equalTo(1)).body("items[0].name", equalTo("张国强"));
    }

    @Test
    void shouldUpdateAWorkstationAndShowTheLiaisonPhoneOnlyMasked() {
        Fixtures town = Fixtures.town();
        asOffice().body(Map.of("townId", town.townId(), "name", "中心工作室", "place", "新址二楼", "signage", "党代表工作室",
                "serviceTheme", "代表送政策", "liaisonName", "王联络", "liaisonPhone", "+86 138 1234 5678", "villageIds", List.of(town.villageId())))
                .put("/api/workstations/" + town.workstationId()).then().statusCode(200)
                .body("place", equalTo("新址二楼")).body("liaisonPhone", equalTo("138****5678"));
    }

    @Test
    void shouldKeepADeactivatedVillageButRefuseNewReferencesToIt() {
        Fixtures town = Fixtures.town();
        long village = Fixtures.create("/api/villages", Map.of("constituencyId", town.constituencyId(), "name", "南湾村"));
        asOffice().post("/api/villages/" + village + "/deactivate").then().statusCode(200).body("active", equalTo(false));

        asOffice().queryParam("constituencyId", town.constituencyId()).queryParam("active", true).get("/api/villages").then()
                .body("items.id", not(hasItem((int) village)));
        asOffice().body(Map.of("townId", town.townId(), "name", "新工作室", "place", "村委会", "signage", "标识", "serviceTheme", "主题",
                "liaisonName", "联络员", "villageIds", List.of(village)))
                .post("/api/workstations").then().statusCode(422)
                .body("errors[0].field", equalTo("villageIds"));
    }

    @Test
    void shouldNameEveryInvalidField() {
        asOffice().body(Map.of("code", "Not-A-Code", "name", " ")).post("/api/categories").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("code", "name", "workField"));
    }

    @Test
    void shouldRejectAnUnknownWorkField() {
        asOffice().body(Map.of("code", Api.unique("x").toLowerCase(), "name", "未知", "workField", "ASTROLOGY"))
                .post("/api/categories").then().statusCode(422).body("errors[0].field", equalTo("workField"));
    }

    @Test
    void shouldRefuseASecondTownWithTheSameCode() {
        String code = Api.uniqueCode();
        Fixtures.create("/api/towns", Map.of("code", code, "name", "甲镇"));
        asOffice().body(Map.of("code", code, "name", "乙镇")).post("/api/towns").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswerUnknownIdsWith404() {
        asOffice().get("/api/villages/987654321").then().statusCode(404).body("title", equalTo("Not found"));
    }
}
