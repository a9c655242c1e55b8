package cn.lianxin.residents;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.testing.Api;
import cn.lianxin.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ResidentApiTest {

    @Inject
    Pool pool;

    @Test
    void shouldKnowTheSamePersonHoweverTheNumberIsWritten() {
        Fixtures town = Fixtures.town();
        String phone = Api.uniquePhone();
        String id = asOffice().body(Map.of("name", "王奶奶", "phone", phone, "villageId", town.villageId()))
                .post("/api/residents").then().statusCode(201).body("phone", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .extract().path("id");

        asOffice().body(Map.of("name", "王奶奶", "phone", "+86 " + phone)).post("/api/residents").then()
                .statusCode(200).body("id", equalTo(id));
        asOffice().queryParam("phone", "0086" + phone).get("/api/residents").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
    }

    @Test
    void shouldNeverStoreThePhoneNumberInClearText() {
        String phone = Api.uniquePhone();
        String id = asOffice().body(Map.of("name", "赵大爷", "phone", phone)).post("/api/residents").then().statusCode(201)
                .extract().path("id");

        Row row = pool.preparedQuery("SELECT * FROM resident WHERE id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().indefinitely().iterator().next();
        StringBuilder everything = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            Object value = row.getValue(i);
            everything.append(value instanceof io.vertx.core.buffer.Buffer b ? new String(b.getBytes(), StandardCharsets.ISO_8859_1) : value)
                    .append('|');
        }
        assertThat(everything.toString()).doesNotContain(phone).contains(phone.substring(0, 3) + "****" + phone.substring(7));
    }

    @Test
    void shouldRejectANumberThatIsNotAMainlandMobile() {
        asOffice().body(Map.of("name", "某人", "phone", "12345")).post("/api/residents").then().statusCode(422)
                .body("errors[0].field", equalTo("phone"));
    }
}
