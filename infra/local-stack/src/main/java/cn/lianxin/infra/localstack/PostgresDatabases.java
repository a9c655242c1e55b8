package cn.lianxin.infra.localstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the application's databases if they are missing, on a server we started or one we reuse.
 * Connects as the superuser "postgres" without password: trust auth on our servers, and the usual
 * setup of a developer's local PostgreSQL.
 */
final class PostgresDatabases {
    /** Names are interpolated into CREATE DATABASE (it takes no parameters), so only plain identifiers pass. */
    static final Pattern VALID_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final int port;

    PostgresDatabases(int port) {
        this.port = port;
    }

    void ensure(List<String> names) throws SQLException {
        String url = "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            for (String name : names) {
                if (!VALID_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("Not a plain database name: " + name);
                }
                if (!exists(connection, name)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE " + name);
                    }
                }
            }
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
