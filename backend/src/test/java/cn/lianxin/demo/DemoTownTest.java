package cn.lianxin.demo;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoTownTest {

    @Inject
    DemoTown demoTown;

    @Test
    void shouldLoadAUsableDemoTownAndNotDuplicateItWhenLoadedAgain() {
        demoTown.load();
        demoTown.load();

        JsonPath towns = asOffice().queryParam("size", 200).get("/api/towns").then().statusCode(200).extract().jsonPath();
        long town = towns.<Number>getList("items.findAll { it.code == 'SG' }.id").get(0).longValue();
        assertThat(towns.getList("items.findAll { it.code == 'SG' }.name")).containsExactly("史官镇");

        JsonPath constituencies = asOffice().queryParam("townId", town).get("/api/constituencies").then().extract().jsonPath();
        assertThat(constituencies.getList("items")).hasSize(3);
        List<Integer> villages = constituencies.<Integer>getList("items.id").stream()
                .map(c -> asOffice().queryParam("constituencyId", c).get("/api/villages").then().extract().<Integer>path("total"))
                .toList();
        assertThat(villages.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(8);

        JsonPath workstations = asOffice().queryParam("size", 200).get("/api/workstations").then().extract().jsonPath();
        List<Integer> demoWorkstations = workstations.getList("items.findAll { it.townId == " + town + " }.id");
        assertThat(demoWorkstations).hasSize(3);
        int representatives = demoWorkstations.stream()
                .mapToInt(w -> asOffice().queryParam("workstationId", w).get("/api/representatives").then().extract().<Integer>path("total"))
                .sum();
        assertThat(representatives).isEqualTo(12);

        // Demo staff sign in with the office's password too, a representative by WeCom id, each liaison by workstation.
        Api.login("chenming", Api.OFFICE_PASSWORD);
        Api.login("liaison" + demoWorkstations.get(0), Api.OFFICE_PASSWORD);

        assertThat(asOffice().queryParam("size", 200).get("/api/categories").then().extract().jsonPath().<String>getList("items.code"))
                .contains("land", "roads", "water", "medical-insurance", "pensions", "education", "employment", "disputes",
                        "environment", "other");

        // Six months of concerns, loaded once: the console has figures, a dispatch queue and instructions to give.
        for (String number : List.of("SG-DEMO-0001", "SG-DEMO-0240")) {
            assertThat(asOffice().queryParam("number", number).get("/api/cases").then().extract().<Integer>path("total")).isEqualTo(1);
        }
        assertThat(asOffice().queryParam("number", "SG-DEMO-0241").get("/api/cases").then().extract().<Integer>path("total")).isZero();
        // 代表送政策: a second office account to approve with, and a policy sent a week ago with a funnel to read.
        Api.login("office2", Api.OFFICE_PASSWORD);
        JsonPath broadcast = asOffice().get("/api/broadcasts/00000000-0000-0000-0000-0000000b0001").then().statusCode(200).extract().jsonPath();
        assertThat(broadcast.getString("state")).isEqualTo("SENT");
        assertThat(broadcast.getString("approver")).isEqualTo("office2");
        assertThat(broadcast.getInt("counts.SMS.DELIVERED")).isGreaterThan(5);
        assertThat(broadcast.getInt("counts.SMS.FAILED")).isPositive();
        assertThat(broadcast.getInt("counts.SMS.OPTED_OUT")).isEqualTo(2);
        assertThat(broadcast.getInt("counts.MINIPROGRAM.READ")).isPositive();
        assertThat(asOffice().queryParam("number", "SG-DEMO-0003").get("/api/cases").then().extract().<List<Object>>path("items.representativeId"))
                .containsExactly((Object) null);

        // Every demo representative publishes reception slots (two half-days a week), loaded once.
        long representative = asOffice().queryParam("workstationId", demoWorkstations.get(0)).get("/api/representatives").then()
                .extract().<Number>path("items[0].id").longValue();
        asOffice().get("/api/representatives/" + representative + "/slot-rules").then().statusCode(200)
                .body("rules.size()", org.hamcrest.Matchers.equalTo(2)).body("rules[0].slotMinutes", org.hamcrest.Matchers.equalTo(30));
        // 问答: the public board has answered and waiting questions; one question and one reply wait for moderation.
        List<java.util.Map<String, Object>> board = io.restassured.RestAssured.given().queryParam("size", 200).get("/api/public/questions")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(board).filteredOn(q -> q.get("answer") != null).hasSizeGreaterThanOrEqualTo(5);
        assertThat(board).filteredOn(q -> q.get("answer") == null).hasSizeGreaterThanOrEqualTo(4);
        assertThat(asOffice().get("/api/questions/moderation").then().statusCode(200).extract().jsonPath().<String>getList("proposedText"))
                .anyMatch(text -> text.contains("【电话已隐去】"));
        // Visits: three so far this week, and last week's coverage has its two late villages (issue 14).
        String chenming = Api.login("chenming", Api.OFFICE_PASSWORD);
        JsonPath thisWeek = io.restassured.RestAssured.given().auth().oauth2(chenming).get("/api/visits").then().statusCode(200)
                .extract().jsonPath();
        assertThat(thisWeek.<String>getList("metWith")).hasSize(1);
        java.time.LocalDate monday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).minusDays(7);
        JsonPath lastWeek = asOffice().queryParam("from", monday.toString()).queryParam("to", monday.plusDays(6).toString())
                .get("/api/visits/coverage").then().statusCode(200).extract().jsonPath();
        assertThat(lastWeek.<String>getList("findAll { it.status == 'LATE' }.village")).contains("北坡村", "枣园村");
        assertThat(lastWeek.<String>getList("findAll { it.village == '南湾村' }.status")).containsOnly("DONE");
    }
}
