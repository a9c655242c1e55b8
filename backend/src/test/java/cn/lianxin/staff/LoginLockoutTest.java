package cn.lianxin.staff;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.Team;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The lockout under guesses sent all at once, as an attacker sends them. */
@QuarkusTest
class LoginLockoutTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    Pool pool;

    /** Sends every attempt at once, from an address of this test's own, and answers each one's status in order. */
    private static List<Integer> burst(String username, List<String> passwords) {
        String address = "198.51.100." + Math.abs(username.hashCode() % 250);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (String password : passwords) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/auth/login"))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode()))
                    .build();
            answers.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static List<String> wrongGuesses(int n) {
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            guesses.add("wrong-guess-" + i);
        }
        return guesses;
    }

    private int counted(String username) {
        return (int) Database.count(pool, "SELECT failed_logins FROM staff_account WHERE username = $1", username);
    }

    private boolean locked(String username) {
        return Database.count(pool, "SELECT count(*) FROM staff_account WHERE username = $1 AND locked_until > now()", username) == 1;
    }

    /** One attempt; refused after a burst either by the lock (401) or by the username's limit (429, LoginLimits). */
    private static int status(String username, String password) {
        return burst(username, List.of(password)).get(0);
    }

    @Test
    void shouldCountAtMostTheLimitOfParallelGuessesAndLockTheAccount() {
        String username = Team.at(Fixtures.town()).second();

        List<Integer> answers = burst(username, wrongGuesses(20));

        assertThat(answers).allMatch(status -> status == 401 || status == 429);
        assertThat(counted(username)).isEqualTo(5);
        assertThat(locked(username)).isTrue();
        assertThat(status(username, Team.PASSWORD)).isIn(401, 429);
    }

    @Test
    void shouldNotLetACorrectPasswordInsideTheBurstUnlockOrResetTheCount() {
        String username = Team.at(Fixtures.town()).second();
        List<String> passwords = new ArrayList<>(wrongGuesses(10));
        passwords.add(5, Team.PASSWORD);

        List<Integer> answers = new ArrayList<>(burst(username, passwords));

        answers.remove(5);
        assertThat(answers).allMatch(status -> status == 401 || status == 429);
        assertThat(locked(username)).isTrue();
        assertThat(counted(username)).isLessThanOrEqualTo(5);
        assertThat(status(username, Team.PASSWORD)).isIn(401, 429);
    }

    @Test
    void shouldLetTheHolderInAfterFewerFailuresThanTheLimitAndAfterTheLockEnds() {
        String username = Team.at(Fixtures.town()).second();
        for (int i = 0; i < 4; i++) {
            assertThat(status(username, "mistyped-" + i)).isEqualTo(401);
        }
        assertThat(status(username, Team.PASSWORD)).isEqualTo(200);
        assertThat(status(username, "mistyped-again")).isEqualTo(401);
        assertThat(locked(username)).isTrue();

        // The lock's end, without waiting for it: the count starts again with the next attempt.
        pool.preparedQuery("UPDATE staff_account SET locked_until = now() - interval '1 second' WHERE username = $1")
                .execute(Tuple.of(username)).await().indefinitely();
        assertThat(status(username, Team.PASSWORD)).isEqualTo(200);
        assertThat(counted(username)).isZero();
    }
}
