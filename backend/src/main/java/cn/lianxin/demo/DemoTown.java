package cn.lianxin.demo;

import cn.lianxin.staff.PasswordHasher;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.sms.PhoneNumber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the demo town (史官镇: villages, workstations, representatives, categories) in local mode, so that a
 * newcomer's first ./infra/run has something to route and register against, and staff accounts to walk a case
 * through the six steps with: every demo representative signs in with their WeCom id (group leaders as group
 * leaders), each workstation's liaison as {@code liaison<workstation id>}, all with the office's password.
 * Never enabled in production.
 */
@ApplicationScoped
public class DemoTown {

    private static final Logger LOG = Logger.getLogger(DemoTown.class);

    private static final String DEMO_STAFF = """
            INSERT INTO staff_account (username, display_name, password_hash, role, workstation_id, representative_id)
            SELECT r.wecom_user_id, r.name, $1, CASE WHEN r.group_leader THEN 'GROUP_LEADER' ELSE 'REPRESENTATIVE' END,
                   r.workstation_id, r.id
            FROM representative r JOIN workstation w ON w.id = r.workstation_id JOIN town t ON t.id = w.town_id
            WHERE t.code = 'SG' AND r.wecom_user_id IS NOT NULL
            UNION ALL
            SELECT 'liaison' || w.id, w.liaison_name, $1, 'LIAISON', w.id, NULL
            FROM workstation w JOIN town t ON t.id = w.town_id WHERE t.code = 'SG'
            UNION ALL
            -- A second town-office account: a broadcast is approved by another office account than its author's.
            SELECT 'office2', '镇党委办公室（审核）', $1, 'TOWN_OFFICE', NULL, NULL
            ON CONFLICT DO NOTHING""";

    /** Residents who get SMS, two of whom opted out of broadcasts; sealed with this data folder's phone keys. */
    private static final String DEMO_SMS_RESIDENTS = """
            INSERT INTO resident (id, name, village_id, phone_hash, phone_cipher, phone_masked, sms_opted_out, openid)
            SELECT gen_random_uuid(), $1, (SELECT id FROM village WHERE town_id = (SELECT id FROM town WHERE code = 'SG')
                                           ORDER BY id OFFSET $5 % 10 LIMIT 1), $2, $3, $4, $6, $7
            ON CONFLICT DO NOTHING""";
    private static final List<String> SMS_NAMES = List.of("钱大爷", "孙奶奶", "李伯伯", "周婶", "吴大叔", "郑阿婆", "王大娘", "冯老汉",
            "陈大妈", "褚爷爷", "卫大伯", "蒋阿姨", "沈大哥", "韩婶子", "杨老伯", "朱奶奶", "秦大姐", "尤师傅", "许大爷", "何婶");

    private final Pool pool;
    private final PasswordHasher hasher;
    private final boolean enabled;
    private final Optional<String> password;

    private final PhoneVault vault;

    public DemoTown(Pool pool, PasswordHasher hasher, PhoneVault vault, @ConfigProperty(name = "lianxin.demo-data.enabled") boolean enabled,
            @ConfigProperty(name = "lianxin.staff.bootstrap-password") Optional<String> password) {
        this.pool = pool;
        this.vault = vault;
        this.hasher = hasher;
        this.enabled = enabled;
        this.password = password;
    }

    void onStart(@Observes StartupEvent startup) {
        if (enabled) {
            load();
        }
    }

    public void load() {
        // The script is idempotent and runs as one simple-protocol query: several statements, one round trip.
        String passwordHash = password.map(hasher::hash).orElse(null);
        pool.withTransaction(conn -> conn.query(script("/demo/demo-town.sql")).execute()
                .chain(() -> passwordHash == null ? Uni.createFrom().voidItem()
                        : conn.preparedQuery(DEMO_STAFF).execute(Tuple.of(passwordHash)).replaceWithVoid())
                .chain(() -> conn.preparedQuery(DEMO_SMS_RESIDENTS).executeBatch(smsResidents()))
                .chain(() -> conn.query(script("/demo/demo-broadcast.sql")).execute())
                .chain(() -> conn.query(script("/demo/demo-questions.sql")).execute()))
                .await().atMost(Duration.ofSeconds(30));
        LOG.info("Demo town loaded (idempotent)");
    }

    /** 20 SMS residents 13800138101…120; the 3rd and the 11th opted out; every 4th also uses the mini-program. */
    private List<Tuple> smsResidents() {
        List<Tuple> rows = new java.util.ArrayList<>();
        for (int i = 0; i < SMS_NAMES.size(); i++) {
            PhoneVault.Sealed phone = vault.seal(PhoneNumber.of("13800138" + (101 + i)));
            rows.add(Tuple.tuple().addValue(SMS_NAMES.get(i)).addValue(io.vertx.core.buffer.Buffer.buffer(phone.hash()))
                    .addValue(io.vertx.core.buffer.Buffer.buffer(phone.cipher())).addValue(phone.masked()).addValue(i)
                    .addValue(i == 2 || i == 10).addValue(i % 4 == 0 ? "sandbox-demo-sms-" + (i + 1) : null));
        }
        return rows;
    }

    private static String script(String resource) {
        try (InputStream in = DemoTown.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
