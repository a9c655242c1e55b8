package cn.lianxin.notifications;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import cn.lianxin.cases.domain.DeadlineApproaching;
import cn.lianxin.cases.domain.DeadlineKind;
import cn.lianxin.cases.domain.DeadlineMissed;
import cn.lianxin.events.Outbox;
import cn.lianxin.events.OutboxEvent;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.KafkaRecords;
import cn.lianxin.testing.Team;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Representatives, group leaders and the town office hear of cases through the outbound pipeline (the sandbox here). */
@QuarkusTest
class StaffNotificationsTest {

    private static final Duration PIPELINE = Duration.ofSeconds(30);
    /** 18:00 in the town (Asia/Shanghai). */
    private static final OffsetDateTime DUE = OffsetDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneOffset.UTC);

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    KafkaRecords kafka;

    private record Registered(String id, String number) {
    }

    private static Registered register(Fixtures town, String text) {
        ValidatableResponse created = asOffice().body(Map.of("residentId", town.resident(), "villageId", town.villageId(),
                "categoryId", town.categoryId(), "channel", "WALK_IN", "text", text)).post("/api/cases").then().statusCode(201);
        return new Registered(created.extract().path("id"), created.extract().path("number"));
    }

    /** Registered, then assigned by the liaison to the team's first representative. */
    private static Registered assignedToFirst(Team team) {
        Registered c = register(team.town(), "村口的路灯坏了三个月了");
        Team.as(team.liaison()).body(Map.of("representativeId", team.firstId())).post("/api/cases/" + c.id() + "/commands/assign")
                .then().statusCode(200);
        return c;
    }

    /** The messages of one template on a case (and, when given, to one representative). */
    private static List<Map<String, Object>> sent(Registered c, Long representativeId, String template) {
        RequestSpecification request = asOffice().queryParam("caseId", c.id()).queryParam("size", 100);
        if (representativeId != null) {
            request.queryParam("representativeId", representativeId);
        }
        return request.get("/api/messages").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.template == '" + template + "' }");
    }

    /** Appends the event the way production code does: through the outbox, inside a transaction. */
    private UUID append(cn.lianxin.events.DomainEvent event) throws Throwable {
        OutboxEvent row = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> outbox.append(event)));
        return row.id;
    }

    @Test
    void shouldTellTheRoutedRepresentativeOfTheNewCaseOnWeCom() {
        Fixtures town = Fixtures.town();
        long contact = town.representative("包村代表", List.of("ROADS_AND_INFRASTRUCTURE"), List.of(), List.of(town.villageId()), null);
        String text = "村口的路灯坏了三个月了，晚上出行很不方便，老人和孩子都摔倒过好几次，希望尽快修好。另外村东头小桥的桥面也有裂缝，雨天积水严重，请一并看看。";

        Registered c = register(town, text);
        asOffice().get("/api/cases/" + c.id()).then().body("representativeId", equalTo((int) contact));

        await().atMost(PIPELINE).untilAsserted(() -> asOffice().queryParam("representativeId", contact).get("/api/messages")
                .then().statusCode(200).body("total", equalTo(1))
                .body("items[0].channel", equalTo("WECOM"))
                .body("items[0].recipientKind", equalTo("REPRESENTATIVE"))
                .body("items[0].representativeId", equalTo((int) contact))
                .body("items[0].residentId", nullValue())
                .body("items[0].caseId", equalTo(c.id()))
                .body("items[0].template", equalTo("REP_NEW_CASE"))
                .body("items[0].body", containsString("新诉求 " + c.number() + "（东村·道路交通）"))
                .body("items[0].body", containsString("“" + text.substring(0, 60) + "…”"))
                .body("items[0].body", not(containsString(text))));
        // The resident's acknowledgement is unchanged.
        assertThat(sent(c, null, "CASE_REGISTERED")).singleElement().satisfies(m -> assertThat(m)
                .containsEntry("recipientKind", "RESIDENT").containsEntry("channel", "SMS").containsEntry("representativeId", null));
    }

    @Test
    void shouldTellTheNewRepresentativeWhenTheCaseIsAssignedOrTransferred() {
        Team team = Team.at(Fixtures.town());
        Registered c = assignedToFirst(team);

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(sent(c, team.firstId(), "REP_ASSIGN")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("channel", "WECOM").containsEntry("recipientKind", "REPRESENTATIVE")
                        .containsEntry("body", "【连心桥】诉求 " + c.number() + "（东村·道路交通）已分派给您：“村口的路灯坏了三个月了”。请及时签收。")));

        Team.as(team.first()).post("/api/cases/" + c.id() + "/commands/sign-for").then().statusCode(200);
        Team.as(team.first()).body(Map.of("representativeId", team.secondId(), "reason", "乙熟悉道路"))
                .post("/api/cases/" + c.id() + "/commands/transfer").then().statusCode(200);
        await().atMost(PIPELINE).untilAsserted(() -> assertThat(sent(c, team.secondId(), "REP_TRANSFER")).singleElement()
                .satisfies(m -> assertThat((String) m.get("body")).contains(c.number() + "（东村·道路交通）已转办给您")));
        assertThat(sent(c, team.firstId(), "REP_TRANSFER")).isEmpty();
    }

    @Test
    void shouldRemindTheRepresentativeOfADeadlineFallingDue() throws Throwable {
        Team team = Team.at(Fixtures.town());
        Registered c = assignedToFirst(team);

        append(new DeadlineApproaching(UUID.fromString(c.id()), c.number(), DeadlineKind.SIGN_FOR, DUE, team.workstationId(),
                team.firstId()));

        await().atMost(PIPELINE).untilAsserted(() -> assertThat(sent(c, team.firstId(), "REP_REMINDER")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("channel", "WECOM")
                        .containsEntry("body", "【连心桥】" + c.number() + " 的签收期限 11月28日 18:00 到期，请及时办理。")));
    }

    @Test
    void shouldSuperviseAMissedDeadlineThroughEveryGroupLeaderAndTheTownOfficeExactlyOnce() throws Throwable {
        Team team = Team.at(Fixtures.town());
        long deputyLeader = Fixtures.create("/api/representatives", Map.of("name", "副组长", "workstationId", team.workstationId(),
                "constituencyId", team.town().constituencyId(), "workFields", List.of("GENERAL"), "specialties", List.of(),
                "contactVillageIds", List.of(), "groupLeader", true));
        Registered c = assignedToFirst(team);

        UUID event = append(new DeadlineMissed(UUID.fromString(c.id()), c.number(), DeadlineKind.REPLY, DUE, team.workstationId(),
                team.firstId()));

        String supervision = "【连心桥】督办：" + c.number() + "（中心工作室，承办代表 代表甲）的答复期限 11月28日 18:00 已过，";
        await().atMost(PIPELINE).untilAsserted(() -> {
            assertThat(sent(c, team.leaderId(), "SUPERVISION")).singleElement().satisfies(m -> assertThat(m)
                    .containsEntry("channel", "WECOM").containsEntry("body", supervision + "请督促办理。"));
            assertThat(sent(c, deputyLeader, "SUPERVISION")).hasSize(1);
            assertThat(sent(c, null, "SUPERVISION")).filteredOn("recipientKind", "TOWN_OFFICE").singleElement()
                    .satisfies(m -> assertThat(m).containsEntry("channel", "WECOM").containsEntry("body", supervision + "请督办。")
                            .containsEntry("representativeId", null).containsEntry("residentId", null));
        });
        assertThat(sent(c, team.firstId(), "SUPERVISION")).isEmpty();
        assertThat(messagesOf(event)).isEqualTo(3);

        // At-least-once: the relay publishes the same event again, as after a crash before marking it published.
        Database.update(pool, "UPDATE outbox_event SET published_at = NULL WHERE id = $1", event);
        await().atMost(PIPELINE).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbox_event WHERE id = $1 AND published_at IS NOT NULL", event) == 1);
        await().atMost(PIPELINE).until(() -> kafka.eventsFor(c.id(), Duration.ofSeconds(10)).stream()
                .filter(e -> e.get("id").asText().equals(event.toString())).count() == 2);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> messagesOf(event) == 3);
        assertThat(Database.count(pool, "SELECT count(*) FROM processed_event WHERE event_id = $1", event)).isEqualTo(1);
        assertThat(sent(c, null, "SUPERVISION")).hasSize(3);
    }

    private long messagesOf(UUID event) {
        return Database.count(pool, "SELECT count(*) FROM outbound_message WHERE source_event_id = $1", event);
    }
}
