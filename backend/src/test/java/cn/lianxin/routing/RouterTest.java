package cn.lianxin.routing;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The router on real PostgreSQL: a town built through the API, cases registered through the API. */
@QuarkusTest
class RouterTest {

    private static final List<String> ROADS = List.of("ROADS_AND_INFRASTRUCTURE");

    @Inject
    Router router;

    @Inject
    Pool pool;

    /** As registration will call it: inside a Hibernate Reactive session, on a Vert.x context. */
    private RoutingDecision route(long villageId, long categoryId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> router.route(villageId, categoryId)));
    }

    private static RoutingDecision.Placed placed(RoutingDecision decision) {
        assertThat(decision).isInstanceOf(RoutingDecision.Placed.class);
        return (RoutingDecision.Placed) decision;
    }

    @Test
    void shouldPlaceTheCaseWithTheContactVillageRepresentativeAndSayWhy() throws Throwable {
        Fixtures town = Fixtures.town();
        long elsewhere = town.village("西村");
        long contact = town.representative("张国强", List.of("GENERAL"), List.of(), List.of(town.villageId()), null);
        town.representative("陈明", ROADS, List.of("工程建设"), List.of(), elsewhere);

        RoutingDecision.Placed decision = placed(route(town.villageId(), town.categoryId()));

        assertThat(decision.representativeId()).isEqualTo(contact);
        assertThat(decision.workstationId()).isEqualTo(town.workstationId());
        assertThat(decision.score()).isEqualTo(new BigDecimal("45.00"));
        assertThat(decision.reasons()).containsExactly("包抓联系点：东村 (+40)", "本村所在选区的代表 (+5)", "当前无在办件");
    }

    @Test
    void shouldBalanceTheLoadByCountingOpenCasesButNotArchivedOnes() throws Throwable {
        Fixtures town = Fixtures.town();
        long first = town.representative("甲", ROADS, List.of(), List.of(), null);
        long second = town.representative("乙", ROADS, List.of(), List.of(), null);

        RoutingDecision.Placed equal = placed(route(town.villageId(), town.categoryId()));
        assertThat(equal.representativeId()).isEqualTo(first);
        assertThat(equal.reasons()).endsWith("与乙同分且在办件数相同，按代表编号先后");

        UUID open = assign(register(town), town, first);
        RoutingDecision.Placed balanced = placed(route(town.villageId(), town.categoryId()));
        assertThat(balanced.representativeId()).isEqualTo(second);
        assertThat(balanced.score()).isEqualTo(new BigDecimal("35.00"));
        assertThat(balanced.reasons()).containsExactly("工作领域匹配：道路交通 (+30)", "本村所在选区的代表 (+5)", "当前无在办件");

        assign(register(town), town, second);
        assign(register(town), town, second);
        RoutingDecision.Placed lessLoaded = placed(route(town.villageId(), town.categoryId()));
        assertThat(lessLoaded.representativeId()).isEqualTo(first);
        assertThat(lessLoaded.reasons()).contains("当前在办 1 件 (−5)");

        Database.update(pool, "UPDATE cases SET state = 'ARCHIVED' WHERE id = $1", open);
        assertThat(placed(route(town.villageId(), town.categoryId())).reasons()).contains("当前无在办件");
    }

    @Test
    void shouldNeverChooseADeactivatedRepresentative() throws Throwable {
        Fixtures town = Fixtures.town();
        long best = town.representative("张国强", ROADS, List.of("交通"), List.of(town.villageId()), town.villageId());
        long other = town.representative("陈明", List.of("GENERAL"), List.of(), List.of(), null);
        assertThat(placed(route(town.villageId(), town.categoryId())).representativeId()).isEqualTo(best);

        asOffice().post("/api/representatives/" + best + "/deactivate").then().statusCode(200);
        assertThat(placed(route(town.villageId(), town.categoryId())).representativeId()).isEqualTo(other);

        asOffice().post("/api/representatives/" + other + "/deactivate").then().statusCode(200);
        assertThat(route(town.villageId(), town.categoryId())).isEqualTo(new RoutingDecision.Unplaced(RoutingPolicy.NO_REPRESENTATIVE));
    }

    @Test
    void shouldLeaveAVillageNoWorkstationCoversToTheLiaison() throws Throwable {
        Fixtures town = Fixtures.town();
        town.representative("张国强", ROADS, List.of(), List.of(), null);
        long uncovered = town.village("北坡村");

        assertThat(route(uncovered, town.categoryId())).isEqualTo(new RoutingDecision.Unplaced(RoutingPolicy.NO_WORKSTATION));
    }

    private static UUID register(Fixtures town) {
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "村口的路灯坏了")).post("/api/cases").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    // Registration does not apply the router yet (that is the integration step), so the test places the case
    // itself, exactly as a placed registration will leave it.
    private UUID assign(UUID caseId, Fixtures town, long representativeId) {
        assertThat(Database.update(pool, "UPDATE cases SET workstation_id = $1, representative_id = $2 WHERE id = $3",
                town.workstationId(), representativeId, caseId)).isEqualTo(1);
        return caseId;
    }
}
