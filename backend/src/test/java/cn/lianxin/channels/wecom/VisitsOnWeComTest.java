package cn.lianxin.channels.wecom;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.WeComCallbacks;
import cn.lianxin.testing.WeComMember;
import cn.lianxin.testing.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A representative records a visit, reads the week's plan and revisits a case by WeCom text, end to end through the callback. */
@QuarkusTest
class VisitsOnWeComTest {

    private static final AtomicLong MSG_IDS = new AtomicLong(System.nanoTime());

    @Inject
    Pool pool;
    @Inject
    WeComProcessor processor;

    /** The member's answers on WeCom, oldest first, once there are {@code count} of them. */
    private List<String> answers(WeComMember member, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Workers.runOnce(processor::runOnce) >= 0 && Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE representative_id = $1 AND template = 'WECOM_ANSWER'", member.id()) >= count);
        return Database.strings(pool, "SELECT body FROM outbound_message WHERE representative_id = $1 AND template = 'WECOM_ANSWER'"
                + " ORDER BY created_at", member.id());
    }

    private static void text(WeComMember member, String content) {
        WeComCallbacks.message(WeComCallbacks.text(member.userId(), content, MSG_IDS.incrementAndGet())).post().statusCode(200);
    }

    @Test
    void shouldRecordAVisitWithItsCasesAndShowTheWeekByText() {
        Fixtures town = Fixtures.town();
        WeComMember member = WeComMember.at(town, town.workstationId());
        String userId = asOffice().get("/api/representatives/" + member.id()).then().extract().path("wecomUserId");
        asOffice().body(Map.of("name", "企微代表", "workstationId", town.workstationId(), "constituencyId", town.constituencyId(),
                "workFields", List.of("GENERAL"), "specialties", List.of(), "contactVillageIds", List.of(town.villageId()),
                "groupLeader", false, "wecomUserId", userId)).put("/api/representatives/" + member.id()).then().statusCode(200);
        if (Database.count(pool, "SELECT count(*) FROM category WHERE code = 'other'") == 0) {
            Fixtures.create("/api/categories", Map.of("code", "other", "name", "其他", "workField", "GENERAL"));
        }

        text(member, "走访 东村 村支书等5人 了解春耕；反映：桥栏杆断了；路灯不亮");
        assertThat(answers(member, 1)).last().asString().isEqualTo("已记录 东村 的走访，登记诉求 " + String.join("、",
                Database.strings(pool, "SELECT c.number FROM visit v JOIN visit_issue i ON i.visit_id = v.id"
                        + " JOIN cases c ON c.id = i.case_id WHERE v.representative_id = $1 ORDER BY c.number", member.id()))
                + "，由您承办，请及时签收。");
        assertThat(Database.strings(pool, "SELECT c.channel || '/' || c.representative_id || '/' || c.text FROM visit v"
                + " JOIN visit_issue i ON i.visit_id = v.id JOIN cases c ON c.id = i.case_id WHERE v.representative_id = $1 ORDER BY i.position",
                member.id())).containsExactly("VISIT/" + member.id() + "/桥栏杆断了", "VISIT/" + member.id() + "/路灯不亮");
        assertThat(Database.strings(pool, "SELECT met_with || '/' || summary || '/' || channel FROM visit WHERE representative_id = $1",
                member.id())).containsExactly("村支书等5人/了解春耕/WECOM");

        text(member, "走访 东村 村支书 又来了");
        assertThat(answers(member, 2)).last().asString().startsWith("走访未记录：");
        text(member, "走访 南村 村支书 了解情况");
        assertThat(answers(member, 3)).last().asString().isEqualTo("没有找到村庄「南村」。您的联系村：东村。");
        text(member, "本周走访");
        assertThat(answers(member, 4)).last().asString().startsWith("【连心桥】本周走访（").contains("东村（已走访）");
        String number = Database.strings(pool, "SELECT c.number FROM visit v JOIN visit_issue i ON i.visit_id = v.id"
                + " JOIN cases c ON c.id = i.case_id WHERE v.representative_id = $1 ORDER BY i.position", member.id()).get(0);
        text(member, "回访 " + number + " 已落实 居民说修好了");
        assertThat(answers(member, 5)).last().asString().isEqualTo(number + " 当前处于「登记」，答复居民之后才能回访。");
        assertThat(Database.count(pool, "SELECT count(*) FROM visit WHERE representative_id = $1", member.id())).isEqualTo(1);
    }
}
