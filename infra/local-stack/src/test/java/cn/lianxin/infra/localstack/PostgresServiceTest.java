package cn.lianxin.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresServiceTest {

    @Test
    void dataSurvivesARestart() throws Exception {
        Path dir = TestSupport.stackDir("postgres");
        int port = TestSupport.freePort();
        StackLayout layout = new StackLayout(dir);

        PostgresService first = new PostgresService(layout, port, PostgresOsUser.forCurrentUser());
        try {
            first.start();
            new PostgresDatabases(port).ensure(List.of("lianxin"));
            try (Connection connection = connect(port); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE greeting (text varchar(20))");
                statement.execute("INSERT INTO greeting VALUES ('ni hao')");
            }
            assertThat(first.process()).isPresent();
        } finally {
            first.stop();
        }
        assertThat(Ports.isListening(port)).isFalse();

        PostgresService second = new PostgresService(layout, port, PostgresOsUser.forCurrentUser());
        try {
            second.start();
            new PostgresDatabases(port).ensure(List.of("lianxin")); // already there: must not fail
            try (Connection connection = connect(port);
                 ResultSet rows = connection.createStatement().executeQuery("SELECT text FROM greeting")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("ni hao");
            }
        } finally {
            second.stop();
        }
    }

    private static Connection connect(int port) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/lianxin", "postgres", "");
    }
}
