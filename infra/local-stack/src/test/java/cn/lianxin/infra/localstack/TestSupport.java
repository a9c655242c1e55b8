package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Shared helpers: stack directories under target/, free ports, the module's runtime classpath. */
final class TestSupport {

    private TestSupport() {
    }

    /**
     * A fresh directory target/test-stacks/NAME. Not JUnit's @TempDir: that one is private (0700),
     * and PostgreSQL, which runs as "nobody" when the tests run as root, could not enter it.
     * Kept after the test for inspection; the next run or `mvn clean` removes it.
     */
    static Path stackDir(String name) {
        Path dir = Path.of("target", "test-stacks", name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on right now (never the system services' 5432/6379/9092). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor is free too, for Kafka and its controller. */
    static int freeKafkaPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            if (port < 65535 && !Ports.isListening(port + 1) && canBind(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No two consecutive free ports found");
    }

    private static boolean canBind(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Written by the build (process-classes) before the tests run; what the CLI and the Kafka child use. */
    static String classpath() {
        try {
            return Files.readString(Path.of("target", "local-stack.classpath")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Run the tests through Maven, which writes target/local-stack.classpath", e);
        }
    }
}
