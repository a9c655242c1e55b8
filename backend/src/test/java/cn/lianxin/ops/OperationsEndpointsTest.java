package cn.lianxin.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import cn.lianxin.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void shouldBeReadyWhenAConcernCanBeStored() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems(IntakeReadiness.NAME, "Redis connection health check"))
                // Kafka and the Flyway pool do not decide whether an instance can take a concern.
                .body("checks.name", not(hasItems("Kafka connection health check")))
                .body("checks.name", not(hasItems("Database connections health check")));
    }

    @Test
    void shouldExposePrometheusMetricsOnTheManagementPort() {
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void shouldDocumentTheApiOnTheManagementPort() {
        Management.given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/cases"));
        Management.given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready"})
    void shouldServeNoOperationsEndpointWhereTheLoadBalancerForwards(String path) {
        given().get(path).then().statusCode(404);
    }
}
