package cn.lianxin.attachments;

import static cn.lianxin.testing.MiniProgramResident.login;
import static cn.lianxin.testing.MiniProgramResident.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Management;
import cn.lianxin.testing.MiniProgramResident;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What one resident may upload, and what happens to files no case took (issue 17: "No upload quota or cleanup"). */
@QuarkusTest
class UploadLimitsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Inject
    Pool pool;

    @Inject
    UnattachedUploads unattached;

    @ConfigProperty(name = "lianxin.uploads.directory")
    Path directory;

    @ConfigProperty(name = "lianxin.uploads.resident.rate-files")
    int rateFiles;

    @ConfigProperty(name = "lianxin.uploads.resident.quota-bytes")
    long quotaBytes;

    private static Response upload(MiniProgramResident r, int size) {
        return given().auth().oauth2(r.token()).multiPart("file", "p.png", Arrays.copyOf(PNG, size), "image/png").post("/api/mp/uploads");
    }

    private long rowsOf(MiniProgramResident r) {
        return Database.count(pool, "SELECT count(*) FROM upload WHERE resident_id = $1", UUID.fromString(r.id()));
    }

    @Test
    void shouldRefuseMorePhotosThanTheRateAllowsEvenAtOnceAndWriteNothingForThem() throws Exception {
        MiniProgramResident r = login();

        List<Integer> statuses = Api.atOnce(rateFiles + 6, () -> upload(r, 1024).statusCode());

        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(rateFiles);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(6);
        assertThat(rowsOf(r)).isEqualTo(rateFiles);
        upload(r, 1024).then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .body("detail", containsString(rateFiles + " photos"));
        // Another resident is not held by this one's limit.
        upload(login(), 1024).then().statusCode(201);
    }

    @Test
    void shouldRefuseMoreBytesThanTheDailyQuotaAndNotCountRefusedFiles() {
        MiniProgramResident r = login();
        int size = 60 * 1024;
        int fit = (int) (quotaBytes / size);
        for (int i = 0; i < fit; i++) {
            upload(r, size).then().statusCode(201);
        }

        upload(r, size).then().statusCode(429).body("title", equalTo("Too many uploads")).body("detail", containsString("MB"));
        // What still fits in the day's quota goes through: the refused file took nothing.
        upload(r, (int) (quotaBytes - (long) fit * size)).then().statusCode(201);
        assertThat(rowsOf(r)).isEqualTo(fit + 1);
        // A file over the size limit is refused as too large before the quota is asked.
        upload(r, 70_000).then().statusCode(413);
    }

    @Test
    void shouldDeleteUploadsNoCaseTookWithinADayAndKeepTheRest() {
        Fixtures town = Fixtures.town();
        MiniProgramResident r = login();
        String forgotten = upload(r, 2048).then().statusCode(201).extract().path("id");
        String submitted = upload(r, 2048).then().statusCode(201).extract().path("id");
        String fresh = upload(r, 2048).then().statusCode(201).extract().path("id");
        submit(r, town, UUID.randomUUID().toString(), "路灯坏了", List.of(submitted), 201);
        Database.update(pool, "UPDATE upload SET created_at = now() - interval '25 hours' WHERE id IN ($1, $2)",
                UUID.fromString(forgotten), UUID.fromString(submitted));
        Path forgottenFile = fileOf(forgotten);
        assertThat(forgottenFile).exists();

        UnattachedUploads.Sweep sweep = unattached.sweep().await().indefinitely();

        assertThat(sweep.deleted()).isGreaterThanOrEqualTo(1);
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE id = $1", UUID.fromString(forgotten))).isZero();
        assertThat(forgottenFile).doesNotExist();
        assertThat(Database.count(pool, "SELECT count(*) FROM upload WHERE id IN ($1, $2)",
                UUID.fromString(submitted), UUID.fromString(fresh))).isEqualTo(2);
        assertThat(fileOf(fresh)).exists();
        assertThat(sweep.storedBytes()).isEqualTo(Database.count(pool, "SELECT coalesce(sum(size), 0)::bigint FROM upload"));
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "lianxin_uploads_stored_bytes")).isEqualTo(sweep.storedBytes());
        assertThat(gauge(metrics, "lianxin_uploads_free_bytes")).isPositive();
    }

    private Path fileOf(String id) {
        return directory.resolve(Database.strings(pool, "SELECT path FROM upload WHERE id = $1", UUID.fromString(id)).get(0));
    }

    private static long gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name + " at /q/metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
