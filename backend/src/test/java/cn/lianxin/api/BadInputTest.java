package cn.lianxin.api;

import static cn.lianxin.testing.Api.asOffice;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.BadInput;
import cn.lianxin.testing.BadInput.Sample;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.TestSecrets;
import cn.lianxin.testing.WeComCallbacks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The generated corpus of {@link BadInput} against every endpoint a resident, a provider or a stranger can reach, and
 * the staff registration: never a 500, a refusal always problem+json (naming the field when the sample spoilt one),
 * and nothing half-stored — a refused sample leaves the rows as they were, an accepted one stores a whole case (its
 * record line and its event with it).
 */
@QuarkusTest
class BadInputTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Inject
    Pool pool;

    /**
     * A resident signed in. On the loaded machine WeChat's fake may answer a login too late, which the login rightly
     * answers 502; that is not the endpoint under test, so the sign-in is tried again.
     */
    private static MiniProgramResident signedIn() {
        AssertionError late = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return MiniProgramResident.login();
            } catch (AssertionError e) {
                late = e;
            }
        }
        throw late;
    }

    /** The answer is safe: below 500, problem+json when refused, naming the spoilt field where one is at fault. */
    private static void assertSafe(Sample sample, Response answer) {
        int status = answer.statusCode();
        assertThat(status).as(sample + " answered " + answer.asString()).isLessThan(500);
        if (status >= 400) {
            assertThat(answer.contentType()).as(sample + " content type").startsWith("application/problem+json");
            if (sample.field() != null && (status == 400 || status == 422)) {
                List<String> named = answer.jsonPath().getList("errors.field");
                assertThat(named).as(sample + " names a field: " + answer.asString()).isNotEmpty();
                if (sample.strict()) {
                    assertThat(named).as(sample + " names " + sample.field()).anySatisfy(f -> assertThat(f).contains(sample.field()));
                }
            }
        }
    }

    /** Each sample sent; a refused one leaves {@code rows} as they were, an accepted one leaves them {@code whole}. */
    private static void check(List<Sample> corpus, Function<Sample, Response> send, Supplier<List<Long>> rows, Consumer<Sample> whole) {
        for (Sample sample : corpus) {
            List<Long> before = rows.get();
            Response answer = send.apply(sample);
            assertSafe(sample, answer);
            if (answer.statusCode() >= 400) {
                assertThat(rows.get()).as(sample + " stored nothing").isEqualTo(before);
            } else {
                whole.accept(sample);
            }
        }
    }

    /** The resident's cases, record lines and events. */
    private List<Long> caseRows(String resident) {
        return List.of(
                Database.count(pool, "SELECT count(*) FROM cases WHERE resident_id = $1::uuid", resident),
                Database.count(pool, "SELECT count(*) FROM case_activity a JOIN cases c ON c.id = a.case_id WHERE c.resident_id = $1::uuid",
                        resident),
                Database.count(pool, "SELECT count(*) FROM outbox_event e JOIN cases c ON e.aggregate_id = c.id::text WHERE c.resident_id = $1::uuid",
                        resident));
    }

    /** Every case of the resident came with its record line and its event. */
    private void casesWhole(String resident) {
        assertThat(Database.count(pool, """
                SELECT count(*) FROM cases c WHERE c.resident_id = $1::uuid
                AND (NOT EXISTS (SELECT 1 FROM case_activity a WHERE a.case_id = c.id)
                     OR NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.aggregate_id = c.id::text))""", resident)).isZero();
    }

    @Test
    void shouldNeverFailOrHalfStoreAMiniProgramSubmission() {
        Fixtures town = Fixtures.town();
        // The submit limit (3 an hour in tests) counts only what is registered: a fresh resident after each accepted sample.
        MiniProgramResident[] resident = {signedIn()};
        Map<String, String> acceptedFrom = new HashMap<>();
        List<Sample> corpus = BadInput.json(() -> new LinkedHashMap<>(Map.of("text", "村口的路灯坏了三个月了", "categoryId", town.categoryId(),
                "villageId", town.villageId(), "photoIds", List.of(), "anonymous", false)), "text");

        check(corpus, s -> resident[0].api().header("Idempotency-Key", UUID.randomUUID().toString()).body(s.body()).post("/api/mp/cases"),
                () -> caseRows(resident[0].id()), s -> {
                    casesWhole(resident[0].id());
                    acceptedFrom.put(s.name(), resident[0].id());
                    resident[0] = signedIn();
                });

        assertThat(Database.strings(pool, "SELECT text FROM cases WHERE resident_id = $1::uuid", acceptedFrom.get("emoji and rare CJK in text")))
                .containsExactly(BadInput.emojiAndRareCjk());
    }

    @Test
    void shouldNeverFailOrHalfStoreAStaffRegistration() {
        Fixtures town = Fixtures.town();
        String resident = town.resident();
        List<Sample> corpus = BadInput.json(() -> new LinkedHashMap<>(Map.of("residentId", resident, "villageId", town.villageId(),
                "categoryId", town.categoryId(), "channel", "WALK_IN", "text", "村口的路灯坏了三个月了")), "text");

        check(corpus, s -> asOffice().body(s.body()).post("/api/cases"), () -> caseRows(resident), s -> casesWhole(resident));
    }

    @Test
    void shouldNeverFailOrHalfStoreAQuestionOnAPolicy() {
        MiniProgramResident r = signedIn();
        UUID policy = UUID.randomUUID();
        List<Sample> corpus = BadInput.json(() -> new LinkedHashMap<>(Map.of("text", "低保怎么申请？")), "text");

        check(corpus, s -> r.api().body(s.body()).post("/api/mp/policies/" + policy + "/questions"), () -> caseRows(r.id()),
                s -> casesWhole(r.id()));
    }

    @Test
    void shouldNeverFailOrHalfStoreABookingHold() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = signedIn();
        long representative = town.representative("张代表", List.of(), List.of(), List.of(), null);
        List<Sample> corpus = BadInput.json(() -> new LinkedHashMap<>(Map.of("representativeId", representative,
                "startsAt", OffsetDateTime.now().plusDays(2).withHour(10).withMinute(0).withSecond(0).withNano(0).toString())), "startsAt");

        check(corpus, s -> r.api().body(s.body()).post("/api/mp/bookings/holds"),
                () -> List.of(Database.count(pool, "SELECT count(*) FROM booking WHERE resident_id = $1::uuid", r.id())), s -> { });
    }

    @Test
    void shouldStoreAnUploadUnderItsOwnNameWhateverNameItCarries() throws Exception {
        for (String name : BadInput.traversalFileNames()) {
            MiniProgramResident r = signedIn();
            Sample sample = new Sample("upload named " + name.substring(0, Math.min(name.length(), 40)), null, PNG);
            Response answer = given().auth().oauth2(r.token()).multiPart("file", name, Arrays.copyOf(PNG, 64), "image/png")
                    .post("/api/mp/uploads");
            assertSafe(sample, answer);
            assertThat(answer.statusCode()).as(sample.name()).isEqualTo(201);
            assertThat(Database.strings(pool, "SELECT path FROM upload WHERE resident_id = $1::uuid", r.id()))
                    .singleElement().satisfies(p -> assertThat(p).matches("\\d{4}-\\d{2}/[0-9a-f-]{36}\\.png"));
        }
        assertThat(Path.of("/tmp/lianxin-escape.png")).doesNotExist();
        assertThat(Files.list(Path.of("target")).map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("lianxin-escape"));

        MiniProgramResident r = signedIn();
        for (Sample bad : List.of(new Sample("not an image", null, "路灯坏了".getBytes()), new Sample("empty file", null, new byte[0]),
                new Sample("past the size limit", null, Arrays.copyOf(PNG, 70_000)))) {
            Response answer = given().auth().oauth2(r.token()).multiPart("file", "a.png", bad.body(), "image/png").post("/api/mp/uploads");
            assertSafe(bad, answer);
            assertThat(answer.statusCode()).as(bad.name()).isBetween(400, 499);
        }
        Response noFile = given().auth().oauth2(r.token()).multiPart("other", "x").post("/api/mp/uploads");
        assertSafe(new Sample("no file part", null, new byte[0]), noFile);
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE resident_id = $1::uuid", r.id())).isZero();
    }

    private long storedSince(String table, OffsetDateTime since) {
        return Database.count(pool, "SELECT count(*) FROM " + table + " WHERE received_at >= $1", since);
    }

    @Test
    void shouldNeverFailOrHalfStoreAnAliyunPush() {
        OffsetDateTime start = now();
        Supplier<Map<String, Object>> uplink = () -> new LinkedHashMap<>(Map.of("phone_number", Api.uniquePhone(), "content", "路灯坏了",
                "send_time", "2026-11-27 09:15:02", "dest_code", "", "sequence_id",
                ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L)));
        List<Sample> corpus = BadInput.eachField(uplink).stream()
                .map(s -> new Sample(s.name(), s.field(), ("[" + new String(s.body(), StandardCharsets.UTF_8) + "]")
                        .getBytes(StandardCharsets.UTF_8), s.strict()))
                .collect(Collectors.toList());
        corpus.addAll(BadInput.wholeBody(uplink.get(), "content"));
        corpus.add(new Sample("a huge batch of malformed items", null, BadInput.write(Collections.nCopies(20_000, Map.of("x", 1)))));

        List<Long> stored = new ArrayList<>();
        check(corpus, s -> given().contentType("application/json").body(s.body())
                        .post("/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-up"),
                () -> List.of(storedSince("sms_uplink", start)), s -> stored.add(storedSince("sms_uplink", start)));
        // Each accepted sample was one text, stored as one row.
        assertThat(stored).isEqualTo(LongStream.rangeClosed(1, stored.size()).boxed().toList());
    }

    @Test
    void shouldRefuseWhatIsNotAWeComMessageAndStoreNothing() {
        OffsetDateTime start = now();
        // Envelopes that are not WeCom's, posted with a signature of another message.
        WeComCallbacks.Delivery other = WeComCallbacks.message(WeComCallbacks.text("someone", "列表", 1));
        for (Sample envelope : BadInput.malformedEnvelopes()) {
            Response answer = given().queryParam("msg_signature", other.signature()).queryParam("timestamp", other.timestamp())
                    .queryParam("nonce", other.nonce()).contentType("text/xml").body(envelope.body()).post("/api/wecom/callback");
            assertSafe(envelope, answer);
            assertThat(answer.statusCode()).as(envelope.name()).isBetween(400, 499);
        }
        // Genuinely signed and encrypted, but what they carry is not a WeCom message.
        for (String plain : BadInput.malformedMessages("someone")) {
            Sample sample = new Sample("signed " + plain.substring(0, Math.min(60, plain.length())), null, plain.getBytes(StandardCharsets.UTF_8));
            Response answer = WeComCallbacks.message(plain).post().extract().response();
            assertSafe(sample, answer);
            assertThat(answer.statusCode()).as(sample.name()).isBetween(400, 499);
        }
        assertThat(storedSince("wecom_inbound", start)).isZero();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.parse(Database.strings(pool, "SELECT now()").get(0));
    }

    /**
     * A body past {@code quarkus.http.limits.max-body-size}, announced by its Content-Length as clients do: refused
     * with 413 before it is read, on every endpoint of the corpus. Sent by hand because the server answers and closes
     * while a client is still writing, which HTTP clients report as a broken pipe instead of the answer.
     */
    @Test
    void shouldRefuseABodyPastTheLimitBeforeReadingIt() throws Exception {
        OffsetDateTime start = now();
        MiniProgramResident r = signedIn();
        for (String path : List.of("/api/mp/cases", "/api/mp/policies/" + UUID.randomUUID() + "/questions", "/api/mp/bookings/holds",
                "/api/mp/uploads", "/api/mp/login", "/api/auth/login", "/api/cases",
                "/api/sms/aliyun/" + TestSecrets.SMS_PUSH_SECRET + "/sms-up", "/api/wecom/callback")) {
            assertThat(statusOfOversized(path, r.token())).as(path).isEqualTo(413);
        }
        assertThat(storedSince("sms_uplink", start)).isZero();
        assertThat(storedSince("wecom_inbound", start)).isZero();
        assertThat(caseRows(r.id())).containsOnly(0L);
    }

    private static int statusOfOversized(String path, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Length: " + BadInput.OVERSIZED_BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(new byte[64 * 1024]);
                out.flush();
            } catch (IOException refusedAlready) {
                // The server may answer and close before this much is written; its answer is still there to read.
            }
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void shouldNeverFailALogin() {
        List<Sample> staff = BadInput.json(() -> new LinkedHashMap<>(Map.of("username", Api.unique("nobody"), "password", "wrong-password")),
                "username");
        for (Sample sample : staff) {
            // Each from its own address, so that the corpus is never the per-address limit's business.
            String address = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
            assertSafe(sample, given().header("X-Forwarded-For", address).contentType("application/json").body(sample.body())
                    .post("/api/auth/login"));
        }
        for (Sample sample : BadInput.json(() -> new LinkedHashMap<>(Map.of("code", Api.unique("code"))), "code")) {
            assertSafe(sample, given().contentType("application/json").body(sample.body()).post("/api/mp/login"));
        }
    }
}
