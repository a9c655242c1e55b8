package cn.lianxin.rights;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.Team;
import cn.lianxin.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each kind of record goes when its period is over, and not before. */
@QuarkusTest
class RetentionTest {

    private static final byte[] PNG = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 66);

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    @Inject
    Retention retention;

    @Test
    void recordsOutliveTheirPeriodsAndNoLonger() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        String walkIn = town.walkInCase(town.resident(), "村口的路灯坏了三个月了");
        await().atMost(Duration.ofSeconds(30)).until(() -> Database.count(pool, "SELECT count(*) FROM outbound_message WHERE case_id = $1 AND status <> 'PENDING'",
                UUID.fromString(walkIn)) > 0);
        Team.as(team.liaison()).get("/api/cases/" + walkIn).then().statusCode(200);
        MiniProgramResident r = MiniProgramResident.login();
        String photo = given().auth().oauth2(r.token()).multiPart("file", "a.png", PNG, "image/png").post("/api/mp/uploads")
                .then().statusCode(201).extract().path("id");
        String submitted = MiniProgramResident.submit(r, town, Api.unique("key"), "水渠堵了", List.of(photo), 201);
        Path photoFile = Path.of("target/uploads").resolve(Database.strings(pool, "SELECT path FROM upload WHERE id = $1", UUID.fromString(photo)).get(0));
        Database.update(pool, "UPDATE cases SET state = 'ARCHIVED', archived_at = now() WHERE id = $1", UUID.fromString(submitted));

        try {
            // A hundred days on: everything is still within its period.
            clock.set(Instant.now().plus(Duration.ofDays(100)));
            retention.drain().await().indefinitely();
            assertThat(bodiesOf(walkIn)).doesNotContain(Retention.EXPIRED);
            assertThat(auditLinesOf(walkIn)).isPositive();
            assertThat(photoFile).exists();

            // Past a year the message bodies go; past three years the audit and the archived case's photos.
            clock.set(Instant.now().plus(Duration.ofDays(3 * 365 + 10)));
            retention.drain().await().indefinitely();
            assertThat(bodiesOf(walkIn)).containsOnly(Retention.EXPIRED);
            assertThat(auditLinesOf(walkIn)).isZero();
            assertThat(photoFile).doesNotExist();
            assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE id = $1", UUID.fromString(photo))).isZero();
            assertThat(textOf(submitted)).isEqualTo("水渠堵了");

            // Past ten years the archived case keeps its place in the figures but not its text; an open case keeps its own.
            clock.set(Instant.now().plus(Duration.ofDays(3650 + 10)));
            retention.drain().await().indefinitely();
            assertThat(textOf(submitted)).isEqualTo(Retention.EXPIRED);
            assertThat(textOf(walkIn)).isEqualTo("村口的路灯坏了三个月了");
            assertThat(Database.count(pool, "SELECT count(*) FROM cases WHERE id = $1 AND village_id IS NOT NULL", UUID.fromString(submitted))).isOne();
        } finally {
            clock.reset();
        }
    }

    private List<String> bodiesOf(String caseId) {
        return Database.strings(pool, "SELECT body FROM outbound_message WHERE case_id = $1 AND status <> 'PENDING'", UUID.fromString(caseId));
    }

    private long auditLinesOf(String caseId) {
        return Database.count(pool, "SELECT count(*) FROM read_audit WHERE case_id = $1", UUID.fromString(caseId));
    }

    private String textOf(String caseId) {
        return Database.strings(pool, "SELECT text FROM cases WHERE id = $1", UUID.fromString(caseId)).get(0);
    }
}
