package cn.lianxin.testing;

import static cn.lianxin.testing.Api.asOffice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small town built through the public API, as the town office would build it. */
public record Fixtures(long townId, String townCode, long constituencyId, long villageId, long categoryId, long workstationId) {

    public static Fixtures town() {
        String code = Api.uniqueCode();
        long town = create("/api/towns", Map.of("code", code, "name", "测试镇" + code));
        long constituency = create("/api/constituencies", Map.of("townId", town, "name", "第一选区"));
        long village = create("/api/villages", Map.of("constituencyId", constituency, "name", "东村"));
        long category = create("/api/categories", Map.of("code", Api.unique("roads").toLowerCase(), "name", "道路交通",
                "workField", "ROADS_AND_INFRASTRUCTURE"));
        long workstation = create("/api/workstations", Map.of("townId", town, "name", "中心工作室", "place", "党群服务中心",
                "signage", "党代表工作室", "serviceTheme", "传党音、听民意", "liaisonName", "王联络", "villageIds", List.of(village)));
        return new Fixtures(town, code, constituency, village, category, workstation);
    }

    public String resident() {
        return resident(Api.uniquePhone());
    }

    /** A resident registered at the office (a walk-in) with this number. */
    public String resident(String phone) {
        return asOffice().body(Map.of("name", "李大爷", "phone", phone, "villageId", villageId))
                .post("/api/residents").then().statusCode(201).extract().path("id");
    }

    /** A case registered at the office for this resident; its id. */
    public String walkInCase(String residentId, String text) {
        return asOffice().body(Map.of("residentId", residentId, "villageId", villageId, "categoryId", categoryId,
                "channel", "WALK_IN", "text", text)).post("/api/cases").then().statusCode(201).extract().path("id");
    }

    /** Another village of the town's constituency, covered by no workstation until one is told to. */
    public long village(String name) {
        return create("/api/villages", Map.of("constituencyId", constituencyId, "name", name));
    }

    /** An active representative of the town's workstation, in its constituency, neither group leader nor on WeCom. */
    public long representative(String name, List<String> workFields, List<String> specialties, List<Long> contactVillageIds,
            Long residenceVillageId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "workstationId", workstationId, "constituencyId", constituencyId,
                "workFields", workFields, "specialties", specialties, "contactVillageIds", contactVillageIds));
        body.put("residenceVillageId", residenceVillageId);
        return create("/api/representatives", body);
    }

    public static long create(String path, Map<String, ?> body) {
        return asOffice().body(body).post(path).then().statusCode(201).extract().<Number>path("id").longValue();
    }
}
