package cn.lianxin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/** Requests as the town office makes them, and names that no other test uses. */
public final class Api {

    public static final String OFFICE_PASSWORD = TestSecrets.OFFICE_PASSWORD;

    private Api() {
    }

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    public static RequestSpecification asOffice() {
        return as("office", OFFICE_PASSWORD);
    }

    /** Requests as a signed-in staff member; tokens are fetched once per user through the login endpoint. */
    public static RequestSpecification as(String username, String password) {
        String token = TOKENS.computeIfAbsent(username, u -> login(u, password));
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("token");
    }

    /** {@code call} made {@code times} times at once, as a double tap on a slow network sends it; the answers in order. */
    public static <T> List<T> atOnce(int times, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        try {
            List<T> answers = new ArrayList<>();
            for (Future<T> f : threads.invokeAll(Collections.nCopies(times, call))) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            threads.shutdown();
        }
    }

    /** A fresh upper-case code such as "QKZ", for town codes that must be unique. */
    public static String uniqueCode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            code.append((char) ('A' + random.nextInt(26)));
        }
        return code.toString();
    }

    public static String unique(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** A valid mainland mobile number no other test uses. */
    public static String uniquePhone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
