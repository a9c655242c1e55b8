package cn.lianxin.attachments;

import static cn.lianxin.testing.Api.asOffice;
import static cn.lianxin.testing.MiniProgramResident.login;
import static cn.lianxin.testing.MiniProgramResident.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A representative answers with photos and a PDF; the resident sees them in the mini-program, staff with the case. */
@QuarkusTest
class ReplyAttachmentsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".getBytes();

    @Inject
    Pool pool;

    private static String upload(String staff, byte[] bytes, String name, String claimed, int status) {
        return given().auth().oauth2(Api.login(staff, Team.PASSWORD)).multiPart("file", name, bytes, claimed).post("/api/attachments")
                .then().statusCode(status).extract().path(status == 201 ? "id" : "errors[0].field");
    }

    /** A resident's case, with the team's first representative and in progress. */
    private static String inProgress(Team team, MiniProgramResident resident) {
        String id = submit(resident, team.town(), "k", "村口的路灯坏了一个月，晚上看不见路", List.of(), 201);
        asOffice().body(Map.of("representativeId", team.firstId())).post(commands(id, "assign")).then().statusCode(200);
        Team.as(team.first()).post(commands(id, "sign-for")).then().statusCode(200);
        Team.as(team.first()).body(Map.of("handlingClass", "ON_THE_SPOT")).post(commands(id, "handling")).then().statusCode(200);
        return id;
    }

    private static String commands(String id, String command) {
        return "/api/cases/" + id + "/commands/" + command;
    }

    @Test
    void shouldStoreImagesAndPdfsAndRefuseOtherTypesAndLargeFiles() {
        Team team = Team.at(Fixtures.town());
        assertThat(upload(team.first(), "plain text, not a document".getBytes(), "a.pdf", "application/pdf", 415)).isEqualTo("file");
        assertThat(upload(team.first(), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0}, "a.docx", "application/pdf", 415)).isEqualTo("file");
        assertThat(upload(team.first(), Arrays.copyOf(PDF, 70_000), "big.pdf", "application/pdf", 413)).isEqualTo("file");
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE staff_username = $1", team.first())).isZero();

        given().auth().oauth2(Api.login(team.first(), Team.PASSWORD)).multiPart("file", "notice.bin", PDF, "application/octet-stream")
                .post("/api/attachments").then().statusCode(201).body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(PDF.length)).body("sha256", matchesPattern("[0-9a-f]{64}"));
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE staff_username = $1 AND case_id IS NULL", team.first())).isOne();
        // A resident's token is no staff token.
        given().auth().oauth2(login().token()).multiPart("file", "p.png", PNG, "image/png").post("/api/attachments").then().statusCode(403);
    }

    @Test
    void shouldShowTheReplysAttachmentsToTheResidentAndToStaffInScopeOnly() {
        Fixtures town = Fixtures.town();
        Team team = Team.at(town);
        MiniProgramResident resident = login();
        String id = inProgress(team, resident);
        String photo = upload(team.first(), PNG, "repaired.png", "image/png", 201);
        String notice = upload(team.first(), PDF, "notice.pdf", "application/pdf", 201);

        Team.as(team.first()).body(Map.of("text", "路灯已更换，见照片和供电所的通知", "attachmentIds", List.of(photo, notice)))
                .post(commands(id, "reply")).then().statusCode(200).body("state", equalTo("REPLIED"));

        resident.api().get("/api/mp/cases/" + id).then().statusCode(200)
                .body("replyAttachments.id", contains(photo, notice))
                .body("replyAttachments.contentType", contains("image/png", "application/pdf"))
                .body("replyAttachments.url", contains("/api/mp/uploads/" + photo, "/api/mp/uploads/" + notice))
                .body("photos", hasSize(0));
        byte[] served = resident.api().get("/api/mp/uploads/" + notice).then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        assertThat(served).isEqualTo(PDF);
        login().api().get("/api/mp/uploads/" + photo).then().statusCode(404);

        Team.as(team.liaison()).get("/api/cases/" + id + "/attachments").then().statusCode(200)
                .body("id", contains(photo, notice)).body("url", hasItem("/api/cases/" + id + "/attachments/" + photo));
        assertThat(Team.as(team.first()).get("/api/cases/" + id + "/attachments/" + photo).then().statusCode(200)
                .extract().asByteArray()).isEqualTo(PNG);
        Team.as(team.first()).get("/api/cases/" + id + "/photos").then().statusCode(200).body("", hasSize(0));
        Team.as(team.first()).get("/api/cases/" + id + "/activity").then()
                .body("detail", hasItem(containsString("（附件 2 个，请在连心桥小程序查看）")));
        assertThat(Database.count(pool, """
                SELECT count(*) FROM upload u JOIN case_activity a ON a.id = u.activity_id
                WHERE u.case_id = $1 AND a.case_id = $1 AND a.action = 'REPLY'""", UUID.fromString(id))).isEqualTo(2);

        // What reaches the resident on their channel says where the files are.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asOffice().queryParam("caseId", id).get("/api/messages")
                .then().statusCode(200).extract().<List<String>>path("items.findAll { it.template == 'CASE_REPLY' }.body"))
                .singleElement().asString().contains("路灯已更换").contains("附件 2 个，请在连心桥小程序查看"));

        Team elsewhere = Team.at(town, Team.secondWorkstation(town));
        Team.as(elsewhere.first()).get("/api/cases/" + id + "/attachments").then().statusCode(404);
        Team.as(elsewhere.first()).get("/api/cases/" + id + "/attachments/" + photo).then().statusCode(404);
    }

    @Test
    void shouldRefuseAnotherStaffMembersOrAnAlreadyUsedAttachmentAndStoreNothing() {
        Team team = Team.at(Fixtures.town());
        String first = inProgress(team, login());
        String used = upload(team.first(), PNG, "a.png", "image/png", 201);
        Team.as(team.first()).body(Map.of("text", "已处理", "attachmentIds", List.of(used))).post(commands(first, "reply")).then().statusCode(200);

        String id = inProgress(team, login());
        String colleagues = upload(team.second(), PNG, "b.png", "image/png", 201);
        String own = upload(team.first(), PDF, "c.pdf", "application/pdf", 201);
        Team.as(team.first()).body(Map.of("text", "已处理", "attachmentIds", List.of(colleagues))).post(commands(id, "reply")).then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("attachmentIds[0]"));
        Team.as(team.first()).body(Map.of("text", "已处理", "attachmentIds", List.of(own, used))).post(commands(id, "reply")).then()
                .statusCode(422).body("errors[0].field", equalTo("attachmentIds[1]"));
        Team.as(team.first()).body(Map.of("text", "已处理", "attachmentIds", List.of(own, own))).post(commands(id, "reply")).then()
                .statusCode(422).body("errors[0].field", equalTo("attachmentIds[1]"));
        Team.as(team.first()).body(Map.of("text", "已处理", "attachmentIds", List.of(own, "not-an-id"))).post(commands(id, "reply"))
                .then().statusCode(422).body("errors[0].field", equalTo("attachmentIds[1]"));
        Team.as(team.first()).body(Map.of("text", "已处理", "attachmentIds", Collections.nCopies(10, own))).post(commands(id, "reply"))
                .then().statusCode(422).body("errors[0].field", containsString("attachmentIds"));

        asOffice().get("/api/cases/" + id).then().body("state", equalTo("IN_PROGRESS")).body("reply", equalTo(null));
        assertThat(Database.count(pool, "SELECT count(*) FROM case_activity WHERE case_id = $1 AND action = 'REPLY'", UUID.fromString(id))).isZero();
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE id = ANY($1) AND case_id IS NULL",
                (Object) new UUID[] {UUID.fromString(own), UUID.fromString(colleagues)})).isEqualTo(2);
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE id = $1 AND case_id = $2", UUID.fromString(used),
                UUID.fromString(first))).isOne();
    }
}
