package cn.lianxin.calendar;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The calendar through its API. Edits use December 2027, which has no seeded exception and no other test
 * relies on, and every test puts back what it changed.
 */
@QuarkusTest
class CalendarApiTest {

    private static String due(String from, int days) {
        return asOffice().queryParam("from", from).queryParam("days", days).get("/api/calendar/working-days")
                .then().statusCode(200).extract().path("due");
    }

    @Test
    void shouldListTheSeededExceptionsOf2026InDateOrder() {
        asOffice().queryParam("year", 2026).get("/api/calendar").then().statusCode(200)
                .body("", hasSize(25))
                .body("[0].day", equalTo("2026-01-01")).body("[0].kind", equalTo("HOLIDAY")).body("[0].name", equalTo("元旦"))
                .body("[24].day", equalTo("2026-10-10")).body("[24].kind", equalTo("WORKDAY")).body("[24].name", equalTo("国庆节调休上班"))
                .body("[24].dayOfWeek", equalTo("SATURDAY"))
                .body("day", everyItem(startsWith("2026-")))
                .body("findAll { it.kind == 'WORKDAY' }.day", equalTo(List.of(
                        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")));
    }

    @Test
    void shouldCountTheSeededHolidaysInDeadlines() {
        asOffice().queryParam("from", "2026-09-30").queryParam("days", 3).get("/api/calendar/working-days").then().statusCode(200)
                .body("due", equalTo("2026-10-10"))
                .body("deadline", equalTo("2026-10-10T18:00:00+08:00"));
        assertThat(due("2026-02-13", 2)).isEqualTo("2026-02-24");
        assertThat(due("2026-10-01", 0)).isEqualTo("2026-10-08");
    }

    @Test
    void shouldCountANewHolidayAtOnceAndForgetItWhenDeleted() {
        String tuesday = "2027-12-14";
        assertThat(due("2027-12-13", 1)).isEqualTo(tuesday);
        try {
            asOffice().body(Map.of("kind", "HOLIDAY", "name", "  镇庆  ")).put("/api/calendar/" + tuesday).then().statusCode(200)
                    .body("day", equalTo(tuesday)).body("kind", equalTo("HOLIDAY")).body("name", equalTo("镇庆"));
            assertThat(due("2027-12-13", 1)).isEqualTo("2027-12-15");

            asOffice().body(Map.of("kind", "HOLIDAY", "name", "镇庆日")).put("/api/calendar/" + tuesday).then().statusCode(200);
            asOffice().queryParam("year", 2027).get("/api/calendar").then()
                    .body("findAll { it.day == '2027-12-14' }.name", equalTo(List.of("镇庆日")));
        } finally {
            asOffice().delete("/api/calendar/" + tuesday).then().statusCode(204);
        }
        assertThat(due("2027-12-13", 1)).isEqualTo(tuesday);
        asOffice().queryParam("year", 2027).get("/api/calendar").then().body("day", not(hasItem(tuesday)));
        asOffice().delete("/api/calendar/" + tuesday).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldCountAMakeUpSaturdayAtOnce() {
        String saturday = "2027-12-18";
        assertThat(due("2027-12-17", 1)).isEqualTo("2027-12-20");
        try {
            asOffice().body(Map.of("kind", "WORKDAY", "name", "调休上班")).put("/api/calendar/" + saturday).then().statusCode(200);
            assertThat(due("2027-12-17", 1)).isEqualTo(saturday);
        } finally {
            asOffice().delete("/api/calendar/" + saturday).then().statusCode(204);
        }
        assertThat(due("2027-12-17", 1)).isEqualTo("2027-12-20");
    }

    @Test
    void shouldRefuseExceptionsThatChangeNothing() {
        asOffice().body(Map.of("kind", "WORKDAY", "name", "上班")).put("/api/calendar/2027-12-14").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        asOffice().body(Map.of("kind", "HOLIDAY", "name", "休息")).put("/api/calendar/2027-12-18").then().statusCode(422)
                .body("errors[0].field", equalTo("kind"));
        asOffice().queryParam("year", 2027).get("/api/calendar").then()
                .body("day", not(hasItem("2027-12-14"))).body("day", not(hasItem("2027-12-18")));
    }

    @Test
    void shouldNameTheFieldOfBadInput() {
        asOffice().body(Map.of("kind", "FESTIVAL", "name", "节日")).put("/api/calendar/2027-12-14").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("kind"));
        asOffice().body(Map.of("kind", "HOLIDAY", "name", " ")).put("/api/calendar/2027-12-14").then().statusCode(422)
                .body("errors[0].field", equalTo("name"));
        asOffice().body(Map.of("kind", "HOLIDAY", "name", "节日")).put("/api/calendar/2027-13-45").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("date"));
        asOffice().delete("/api/calendar/yesterday").then().statusCode(422).contentType("application/problem+json");
        asOffice().queryParam("from", "30.09.2026").queryParam("days", 3).get("/api/calendar/working-days").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        asOffice().queryParam("from", "2026-09-30").queryParam("days", -1).get("/api/calendar/working-days").then().statusCode(422)
                .body("errors[0].field", equalTo("days"));
        asOffice().queryParam("from", "2026-09-30").get("/api/calendar/working-days").then().statusCode(422)
                .body("errors[0].field", equalTo("days"));
    }

    @Test
    void shouldRefuseCallersWithoutTheOfficeCredential() {
        given().queryParam("year", 2026).get("/api/calendar").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("kind", "HOLIDAY", "name", "x")).put("/api/calendar/2027-12-14")
                .then().statusCode(401);
        given().queryParam("from", "2026-09-30").queryParam("days", 3).get("/api/calendar/working-days").then().statusCode(401);
    }
}
