package cn.lianxin.cases;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.KafkaRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CaseRegistrationApiTest {

    @Inject
    Pool pool;

    @Inject
    KafkaRecords kafka;

    private static Map<String, Object> caseBody(Fixtures town, String resident) {
        return Map.of("residentId", resident, "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "村口的路灯坏了三个月了");
    }

    @Test
    void shouldRegisterACaseWithAReadableNumberAndItsFirstRecordLine() {
        Fixtures town = Fixtures.town();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);

        String id = asOffice().body(caseBody(town, town.resident())).post("/api/cases").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/cases/[0-9a-f-]{36}"))
                .body("number", equalTo(town.townCode() + "-" + today + "-0001"))
                .body("state", equalTo("REGISTERED")).body("stateLabel", equalTo("登记"))
                .extract().path("id");
        asOffice().body(caseBody(town, town.resident())).post("/api/cases").then().statusCode(201)
                .body("number", equalTo(town.townCode() + "-" + today + "-0002"));

        asOffice().get("/api/cases/" + id + "/activity").then().statusCode(200)
                .body("", hasSize(1)).body("[0].action", equalTo("REGISTER")).body("[0].actor", equalTo("office"))
                .body("[0].channel", equalTo("WALK_IN")).body("[0].toState", equalTo("REGISTERED"));
    }

    @Test
    void shouldNumberRegistrationsArrivingAtOnceOneAfterAnother() throws Exception {
        Fixtures town = Fixtures.town();
        String resident = town.resident();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.BASIC_ISO_DATE);

        // A morning queue at the counter: twelve clerks' registrations of one town at the same moment.
        List<Response> answers = Api.atOnce(12, () -> asOffice().body(caseBody(town, resident)).post("/api/cases"));

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers).extracting(r -> r.<String>path("number")).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 12).mapToObj(n -> "%s-%s-%04d".formatted(town.townCode(), today, n)).toList());
    }

    @Test
    void shouldRegisterOneCaseForOneIdempotencyKeyAndRefuseTheKeyForAnotherRequest() throws Exception {
        Fixtures town = Fixtures.town();
        String key = "walk-in-" + UUID.randomUUID();
        String resident = town.resident();
        // The clerk's browser sends the registration twice at once (a double click on a slow line): one case, answered to both.
        Callable<Response> send = () -> asOffice().header("Idempotency-Key", key).body(caseBody(town, resident)).post("/api/cases");
        List<Response> answers = Api.atOnce(2, send);
        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 201);
        String id = answers.get(0).path("id");
        assertThat(answers.get(1).<String>path("id")).isEqualTo(id);

        // Sent again later, the answer lost: still the first case.
        asOffice().header("Idempotency-Key", key).body(caseBody(town, resident)).post("/api/cases").then().statusCode(200)
                .body("id", equalTo(id)).body("state", equalTo("REGISTERED"));
        // The same key for another concern is a client's mistake, not a retry.
        Map<String, Object> other = Map.of("residentId", resident, "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "WALK_IN", "text", "另一件事：水渠堵了");
        asOffice().header("Idempotency-Key", key).body(other).post("/api/cases").then().statusCode(422)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1", UUID.fromString(resident))).isOne();
    }

    @Test
    void shouldAnnounceTheCaseOnKafkaAndTellTheResidentItsNumber() {
        Fixtures town = Fixtures.town();
        String number = asOffice().body(caseBody(town, town.resident())).post("/api/cases").then().statusCode(201)
                .extract().path("number");
        String id = asOffice().queryParam("number", number).get("/api/cases").then().extract().path("items[0].id");

        assertThat(kafka.eventsFor(id, Duration.ofSeconds(30))).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("case.registered");
            assertThat(e.get("payload").get("number").asText()).isEqualTo(number);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asOffice().queryParam("caseId", id)
                .get("/api/messages").then().body("total", equalTo(1))
                .body("items[0].channel", equalTo("SMS"))
                .body("items[0].body", containsString(number)));
    }

    @Test
    void shouldListCasesWithFiltersAndPaging() {
        Fixtures town = Fixtures.town();
        String resident = town.resident();
        for (int i = 0; i < 3; i++) {
            asOffice().body(caseBody(town, resident)).post("/api/cases").then().statusCode(201);
        }
        asOffice().queryParam("villageId", town.villageId()).queryParam("size", 2).get("/api/cases").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(2)).body("size", equalTo(2));
        asOffice().queryParam("villageId", town.villageId()).queryParam("page", 1).queryParam("size", 2).get("/api/cases").then()
                .body("items", hasSize(1));
        asOffice().queryParam("villageId", town.villageId()).queryParam("state", "ARCHIVED").get("/api/cases").then()
                .body("total", equalTo(0));
        asOffice().queryParam("size", 500).get("/api/cases").then().statusCode(422).body("errors[0].field", equalTo("size"));
    }

    @Test
    void shouldAnswerMalformedJsonWith400AndStoreNothing() {
        long before = Database.count(pool, "SELECT count(*) FROM cases");
        asOffice().body("{\"residentId\": ").post("/api/cases").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));
        assertThat(Database.count(pool, "SELECT count(*) FROM cases")).isEqualTo(before);
    }

    @Test
    void shouldNameEachMissingOrInvalidFieldAndStoreNothing() {
        long before = Database.count(pool, "SELECT count(*) FROM outbox_event");
        asOffice().body(Map.of("channel", "CARRIER_PIGEON", "text", "")).post("/api/cases").then().statusCode(422);
        asOffice().body(Map.of("text", " ")).post("/api/cases").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("residentId", "villageId", "categoryId", "channel", "text"));
        asOffice().body(Map.of("residentId", "not-a-uuid", "villageId", 1, "categoryId", 1, "channel", "SMS", "text", "x"))
                .post("/api/cases").then().statusCode(422).body("errors[0].field", equalTo("residentId"));
        assertThat(Database.count(pool, "SELECT count(*) FROM outbox_event")).isEqualTo(before);
    }

    @Test
    void shouldRefuseUnknownVillageCategoryOrResidentAndStoreNothing() {
        Fixtures town = Fixtures.town();
        String resident = town.resident();
        long before = Database.count(pool, "SELECT count(*) FROM cases");

        asOffice().body(Map.of("residentId", resident, "villageId", 99999999, "categoryId", town.categoryId(), "channel", "SMS", "text", "路灯"))
                .post("/api/cases").then().statusCode(422).body("errors[0].field", equalTo("villageId"));
        asOffice().body(Map.of("residentId", resident, "villageId", town.villageId(), "categoryId", 99999999, "channel", "SMS", "text", "路灯"))
                .post("/api/cases").then().statusCode(422).body("errors[0].field", equalTo("categoryId"));
        asOffice().body(Map.of("residentId", UUID.randomUUID().toString(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "SMS", "text", "路灯")).post("/api/cases").then().statusCode(422).body("errors[0].field", equalTo("residentId"));

        assertThat(Database.count(pool, "SELECT count(*) FROM cases")).isEqualTo(before);
        assertThat(Database.count(pool, "SELECT count(*) FROM case_number_counter WHERE town_id = $1", town.townId())).isZero();
    }

    @Test
    void shouldPlaceTheCaseWithTheBestMatchingRepresentativeAndSayWhy() {
        Fixtures town = Fixtures.town();
        town.representative("路代表", List.of("ROADS_AND_INFRASTRUCTURE"), List.of(), List.of(), null);
        long contact = town.representative("包村代表", List.of("ROADS_AND_INFRASTRUCTURE"), List.of(), List.of(town.villageId()), null);

        String id = asOffice().body(caseBody(town, town.resident())).post("/api/cases").then().statusCode(201)
                .body("representativeId", equalTo((int) contact)).body("workstationId", equalTo((int) town.workstationId()))
                .body("routingReasons", hasItem(startsWith("包抓联系点"))).extract().path("id");
        asOffice().get("/api/cases/" + id + "/activity").then().body("[0].detail", containsString("包抓联系点"));
    }

    @Test
    void shouldLeaveWhatRoutingCannotPlaceInTheWorkstationsDispatchQueue() {
        Fixtures town = Fixtures.town();
        String id = asOffice().body(caseBody(town, town.resident())).post("/api/cases").then().statusCode(201)
                .body("representativeId", nullValue()).body("workstationId", equalTo((int) town.workstationId()))
                .body("routingReasons", contains("覆盖该村的工作室暂无在岗党代表，转联络员分派")).extract().path("id");
        asOffice().queryParam("unassigned", true).queryParam("workstationId", town.workstationId()).get("/api/cases").then()
                .body("items.id", contains(id));
    }

    @Test
    void shouldAnswerAnUnknownCaseWith404() {
        asOffice().get("/api/cases/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }
}
