package cn.lianxin.testing;

import static cn.lianxin.testing.Api.asOffice;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/**
 * A workstation's people, created through the public API: a group leader and two representatives (each with a
 * staff account) and a liaison. Passwords are shared test passwords.
 */
public record Team(Fixtures town, long workstationId, long leaderId, long firstId, long secondId,
        String leader, String first, String second, String liaison) {

    public static final String PASSWORD = TestSecrets.STAFF_PASSWORD;

    /** A team at the town's own workstation. */
    public static Team at(Fixtures town) {
        return at(town, town.workstationId());
    }

    public static Team at(Fixtures town, long workstationId) {
        long leaderId = representative(town, workstationId, "组长", true);
        long firstId = representative(town, workstationId, "代表甲", false);
        long secondId = representative(town, workstationId, "代表乙", false);
        String leader = staff("GROUP_LEADER", workstationId, leaderId);
        String first = staff("REPRESENTATIVE", workstationId, firstId);
        String second = staff("REPRESENTATIVE", workstationId, secondId);
        String liaison = staff("LIAISON", workstationId, null);
        return new Team(town, workstationId, leaderId, firstId, secondId, leader, first, second, liaison);
    }

    /** A second workstation in the same town, covering a village of its own. */
    public static long secondWorkstation(Fixtures town) {
        long village = Fixtures.create("/api/villages", Map.of("constituencyId", town.constituencyId(), "name", Api.unique("西村")));
        return Fixtures.create("/api/workstations", Map.of("townId", town.townId(), "name", Api.unique("西片工作室"), "place", "西村村委会",
                "signage", "党代表工作室", "serviceTheme", "服务零距离", "liaisonName", "赵联络", "villageIds", List.of(village)));
    }

    public static RequestSpecification as(String username) {
        return Api.as(username, PASSWORD);
    }

    private static long representative(Fixtures town, long workstationId, String name, boolean leader) {
        return Fixtures.create("/api/representatives", Map.of("name", name, "workstationId", workstationId,
                "constituencyId", town.constituencyId(), "workFields", List.of("GENERAL"), "specialties", List.of(),
                "contactVillageIds", List.of(), "groupLeader", leader));
    }

    private static String staff(String role, long workstationId, Long representativeId) {
        String username = Api.unique(role.toLowerCase().replace('_', '-')).toLowerCase();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "displayName", role, "password", PASSWORD,
                "role", role, "workstationId", workstationId));
        if (representativeId != null) {
            body.put("representativeId", representativeId);
        }
        asOffice().body(body).post("/api/staff").then().statusCode(201);
        return username;
    }
}
