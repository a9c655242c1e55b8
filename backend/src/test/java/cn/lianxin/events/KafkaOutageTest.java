package cn.lianxin.events;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.KafkaRecords;
import cn.lianxin.testing.LocalKafka;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The broker goes away while residents keep registering; nothing is lost and nothing is doubled. */
@QuarkusTest
class KafkaOutageTest {

    private static final int CASES = 6;

    LocalKafka broker;

    @Inject
    Pool pool;

    @Inject
    KafkaRecords kafka;

    @Test
    void shouldKeepRegisteringWhileKafkaIsDownAndPublishEveryEventOnceItReturns() {
        Fixtures town = Fixtures.town();
        String resident = town.resident();
        List<String> caseIds = new ArrayList<>();

        broker.stop();
        try {
            for (int i = 0; i < CASES; i++) {
                caseIds.add(asOffice().body(Map.of("residentId", resident, "villageId", town.villageId(), "categoryId", town.categoryId(),
                        "channel", "PHONE", "text", "停电第" + i + "天")).post("/api/cases").then().statusCode(201).extract().path("id"));
            }
            assertThat(unpublished(caseIds)).isEqualTo(CASES);
        } finally {
            broker.start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(caseIds) == 0);
        Map<String, List<JsonNode>> events = kafka.eventsFor(caseIds, Duration.ofSeconds(30));
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(caseIds);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> caseIds.forEach(id ->
                assertThat(acknowledgements(id)).as("acks for case %s", id).isEqualTo(1)));
    }

    @Test
    void shouldNotSendASecondMessageWhenAnEventIsDeliveredAgain() {
        Fixtures town = Fixtures.town();
        String id = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(), "categoryId", town.categoryId(),
                "channel", "SMS", "text", "自来水浑浊")).post("/api/cases").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgements(id) == 1);

        // At-least-once in action: the relay publishes the same event again, as after a crash before marking.
        pool.preparedQuery("UPDATE outbox_event SET published_at = NULL WHERE aggregate_id = $1").execute(Tuple.of(id))
                .await().indefinitely();
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(List.of(id)) == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.eventsFor(id, Duration.ofSeconds(10)).size() >= 2);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> acknowledgements(id) == 1);
        assertThat(Database.count(pool, "SELECT count(*) FROM processed_event pe JOIN outbox_event oe ON oe.id = pe.event_id WHERE oe.aggregate_id = $1",
                id)).isEqualTo(1);
    }

    private long unpublished(List<String> caseIds) {
        return Database.count(pool, "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND aggregate_id = ANY($1)",
                (Object) caseIds.toArray(String[]::new));
    }

    private long acknowledgements(String caseId) {
        return Database.count(pool, "SELECT count(*) FROM outbound_message WHERE case_id = $1 AND purpose = 'CASE_REGISTERED_ACK'",
                UUID.fromString(caseId));
    }
}
