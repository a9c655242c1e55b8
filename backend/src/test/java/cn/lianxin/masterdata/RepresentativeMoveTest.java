package cn.lianxin.masterdata;

import static cn.lianxin.testing.Api.asOffice;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A representative moved to another workstation: their staff account's scope moves with them, and their own
 * registrations stay within the villages their workstation covers.
 */
@QuarkusTest
class RepresentativeMoveTest {

    @Test
    void shouldTakeTheStaffAccountsScopeAlongWhenARepresentativeMoves() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        long westVillage = town.village(Api.unique("西村"));
        long west = Fixtures.create("/api/workstations", Map.of("townId", town.townId(), "name", Api.unique("西片工作室"), "place", "西村村委会",
                "signage", "党代表工作室", "serviceTheme", "服务零距离", "liaisonName", "赵联络", "villageIds", List.of(westVillage)));
        String oldCase = town.walkInCase(town.resident(), "东村的路灯坏了");
        String newCase = asOffice().body(Map.of("residentId", town.resident(), "villageId", westVillage, "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "西村的桥裂了")).post("/api/cases").then().statusCode(201).extract().<String>path("id");

        asOffice().body(Map.of("name", "代表甲", "workstationId", west, "constituencyId", town.constituencyId(),
                "workFields", List.of("GENERAL"), "specialties", List.of(), "contactVillageIds", List.of(), "groupLeader", false))
                .put("/api/representatives/" + team.firstId()).then().statusCode(200);

        Team.as(team.first()).get("/api/cases/" + newCase).then().statusCode(200);
        Team.as(team.first()).get("/api/cases/" + oldCase).then().statusCode(404);
    }

    @Test
    void shouldRefuseARepresentativeRegisteringForAnotherWorkstationsVillage() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        long westVillage = town.village(Api.unique("西村"));
        Fixtures.create("/api/workstations", Map.of("townId", town.townId(), "name", Api.unique("西片工作室"), "place", "西村村委会",
                "signage", "党代表工作室", "serviceTheme", "服务零距离", "liaisonName", "赵联络", "villageIds", List.of(westVillage)));

        Team.as(team.first()).body(Map.of("residentId", town.resident(), "villageId", westVillage, "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "西村的桥裂了")).post("/api/cases").then().statusCode(422)
                .body("errors[0].field", equalTo("villageId"));
        Team.as(team.first()).body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "东村的路灯坏了")).post("/api/cases").then().statusCode(201);
    }
}
