package cn.lianxin.testing;

import static cn.lianxin.testing.Api.asOffice;
import static org.awaitility.Awaitility.await;

import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A case walked through its steps by the people who take them, through the API, each step checked to succeed. */
public final class CaseSteps {

    private CaseSteps() {
    }

    public static String command(String caseId, String command) {
        return "/api/cases/" + caseId + "/commands/" + command;
    }

    /** The town office assigns the case by hand. */
    public static void assign(String caseId, long representativeId) {
        asOffice().body(Map.of("representativeId", representativeId)).post(command(caseId, "assign")).then().statusCode(200);
    }

    public static void signFor(String representative, String caseId) {
        Team.as(representative).post(command(caseId, "sign-for")).then().statusCode(200);
    }

    /** Signed for, handled on the spot and answered with {@code text} by {@code representative}. */
    public static void reply(String representative, String caseId, String text) {
        signFor(representative, caseId);
        Team.as(representative).body(Map.of("handlingClass", "ON_THE_SPOT")).post(command(caseId, "handling")).then().statusCode(200);
        Team.as(representative).body(Map.of("text", text)).post(command(caseId, "reply")).then().statusCode(200);
    }

    /** The workstation's liaison records the resident's rating. */
    public static void rate(Team team, String caseId, String feedback) {
        Team.as(team.liaison()).body(Map.of("feedback", feedback)).post(command(caseId, "feedback")).then().statusCode(200);
    }

    /** Waits until the reply and the feedback prompt have gone out to the resident, as archiving requires (件件有回音). */
    public static void replySent(Pool pool, String caseId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Database.count(pool,
                "SELECT count(*) FROM outbound_message WHERE case_id = $1 AND purpose IN ('CASE_REPLY', 'FEEDBACK_PROMPT') AND status = 'SENT'",
                UUID.fromString(caseId)) == 2);
    }
}
