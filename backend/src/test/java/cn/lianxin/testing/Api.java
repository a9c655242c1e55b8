package cn.lianxin.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.ThreadLocalRandom;

/** Requests as the town office makes them, and names that no other test uses. */
public final class Api {

    public static final String OFFICE_PASSWORD = "test-office-password";

    private Api() {
    }

    public static RequestSpecification asOffice() {
        return given().auth().preemptive().basic("office", OFFICE_PASSWORD).contentType(ContentType.JSON);
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
