package cn.lianxin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages stored before the mini-program channel had one name still read after the upgrade. Migrates a schema of
 * its own, so the suite's tables are not touched.
 */
@QuarkusTest
class MessageChannelMigrationTest {

    private static final String SCHEMA = "upgrade_v23";

    @Inject
    DataSource dataSource;

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(SCHEMA).createSchemas(true)
                .locations("filesystem:src/main/resources/db/migration").target(target).load();
    }

    @BeforeEach
    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void shouldRenameStoredWechatMessagesToTheMiniProgramChannel() throws SQLException {
        flyway("22").migrate();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // The schema's own trigger functions resolve their tables by the search path.
            s.execute("SET search_path TO " + SCHEMA);
            s.execute("""
                    INSERT INTO outbound_message (id, source_event_id, purpose, channel, template, body, status, next_attempt_at,
                        created_at, recipient_kind, sandbox) VALUES
                      ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'CASE_REPLY', 'WECHAT', 't', 'x', 'PENDING', now(), now(), 'TOWN_OFFICE', false),
                      ('00000000-0000-0000-0000-000000000002', gen_random_uuid(), 'CASE_REPLY', 'WECHAT', 't', 'x', 'SENT', now(), now(), 'TOWN_OFFICE', true),
                      ('00000000-0000-0000-0000-000000000003', gen_random_uuid(), 'CASE_REPLY', 'SMS', 't', 'x', 'SENT', now(), now(), 'TOWN_OFFICE', false)
                    """);
            s.execute("RESET search_path");
        }

        flyway("23").migrate();

        List<String> channels = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT channel FROM " + SCHEMA + ".outbound_message ORDER BY id")) {
            while (rows.next()) {
                channels.add(rows.getString(1));
            }
        }
        assertThat(channels).containsExactly("MINIPROGRAM", "MINIPROGRAM", "SMS");
        assertThat(channels).allSatisfy(name -> MessageChannel.valueOf(name));
    }
}
