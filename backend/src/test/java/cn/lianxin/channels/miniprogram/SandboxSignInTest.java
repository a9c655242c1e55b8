package cn.lianxin.channels.miniprogram;

import static cn.lianxin.testing.Api.asOffice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import cn.lianxin.residents.Resident;
import cn.lianxin.testing.Api;
import cn.lianxin.testing.Database;
import cn.lianxin.testing.Fixtures;
import cn.lianxin.testing.MiniProgramResident;
import cn.lianxin.testing.ProviderFakes;
import cn.lianxin.testing.WechatFake;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A sandbox sign-in names itself; it must never become the resident whose phone number it claims. */
@QuarkusTest
class SandboxSignInTest {

    ProviderFakes providers;

    @Inject
    MiniProgramResidents residents;

    @Inject
    ResidentTokens tokens;

    @Inject
    Pool pool;

    @Test
    void shouldNotMergeASandboxSignInIntoTheWalkInResidentWhoseNumberItBinds() throws Throwable {
        Fixtures town = Fixtures.town();
        String phone = Api.uniquePhone();
        String walkIn = town.resident(phone);
        String theirCase = town.walkInCase(walkIn, "低保申请材料");

        // What the sandboxed client answers for the code "sandbox-mallory" (MiniProgramSandboxTest).
        Resident mallory = VertxContextSupport.subscribeAndAwait(() -> residents.signIn(new MiniProgramClient.Session("sandbox-mallory", null)));
        ResidentTokens.Issued issued = VertxContextSupport.subscribeAndAwait(() -> tokens.issue(mallory.id));
        MiniProgramResident r = new MiniProgramResident(mallory.openid, issued.token(), issued.refreshToken(), mallory.id.toString());

        String code = Api.unique("phone-code");
        WechatFake.phone(providers.wechat, code, phone);
        r.api().body(Map.of("code", code)).post("/api/mp/phone").then().statusCode(403).contentType("application/problem+json");

        // Nothing merged: the walk-in resident is still only the walk-in, and mallory sees none of their cases.
        asOffice().queryParam("phone", phone).get("/api/residents").then().body("total", equalTo(1))
                .body("items[0].id", equalTo(walkIn)).body("items[0].miniProgram", equalTo(false));
        asOffice().get("/api/cases/" + theirCase).then().body("residentId", equalTo(walkIn));
        r.api().get("/api/mp/me").then().statusCode(200).body("id", equalTo(r.id())).body("phoneBound", equalTo(false));
        r.api().get("/api/mp/cases").then().statusCode(200).body("total", equalTo(0));
        r.api().get("/api/mp/cases/" + theirCase).then().statusCode(404);
        assertThat(Database.count(pool,
                "SELECT count(*) FROM resident WHERE (id = $1 AND openid IS NULL) OR (id = $2 AND merged_into IS NULL AND phone_hash IS NULL)",
                UUID.fromString(walkIn), mallory.id)).isEqualTo(2);
    }
}
