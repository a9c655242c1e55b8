package cn.lianxin.visits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A workstation's activity record (五有): recorded by its liaison, read in scope, public without minutes or other attendees. */
@QuarkusTest
class ActivitiesTest {

    @Test
    void shouldRecordAnActivityWithItsAttendeesAndShowItPubliclyWithoutItsMinutes() {
        Team team = Team.at(Fixtures.town());
        Team other = Team.at(team.town(), Team.secondWorkstation(team.town()));
        String day = LocalDate.now().minusDays(3).toString();
        String id = Team.as(team.liaison()).body(Map.of("kind", "STUDY", "heldOn", day, "place", "党群服务中心二楼",
                        "title", "学习医保新政", "minutes", "张大爷提出异地就医备案问题，代表甲答复", "representativeIds",
                        List.of(team.firstId(), team.secondId()), "otherAttendees", "镇医保办李主任"))
                .post("/api/activities").then().statusCode(201).body("kindLabel", equalTo("学习研讨"))
                .body("workstationId", equalTo((int) team.workstationId())).extract().path("id");

        assertThat(Team.as(team.first()).get("/api/activities").then().statusCode(200).extract().jsonPath().<String>getList("id"))
                .contains(id);
        assertThat(Team.as(other.liaison()).get("/api/activities").then().statusCode(200).extract().jsonPath().<String>getList("id"))
                .doesNotContain(id);
        // A liaison records only their own workstation's.
        Team.as(other.liaison()).body(Map.of("workstationId", team.workstationId(), "kind", "RECEPTION", "heldOn", day, "place", "x",
                "title", "x", "minutes", "x")).post("/api/activities").then().statusCode(422)
                .body("errors[0].field", equalTo("workstationId"));

        JsonPath shown = given().get("/api/public/workstations/" + team.workstationId() + "/activities").then().statusCode(200)
                .extract().jsonPath();
        assertThat(shown.getString("[0].title")).isEqualTo("学习医保新政");
        assertThat(shown.getList("[0].representatives")).containsExactly("代表乙", "代表甲");
        assertThat(shown.prettify()).doesNotContain("张大爷", "李主任", "异地就医");
    }
}
