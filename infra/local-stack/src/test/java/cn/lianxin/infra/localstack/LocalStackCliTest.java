package cn.lianxin.infra.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CLI as its users run it: a separate JVM started with target/local-stack.classpath. */
class LocalStackCliTest {

    @Test
    void unknownArgumentPrintsUsageAndExitsWith2() throws Exception {
        Cli cli = Cli.start(TestSupport.stackDir("cli-usage"), "up", "--data", "x", "--bogus");

        assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
        assertThat(cli.stderr()).contains("Unknown argument: --bogus").contains("Usage: LocalStack up");
    }

    @Test
    void takenPortWithoutReuseFailsNamingPortServiceAndRemedy() throws Exception {
        Path dir = TestSupport.stackDir("cli-taken");
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int port = squatter.getLocalPort();
            Cli cli = Cli.start(dir, "up", "--data", dir.toString(), "--services", "redis", "--redis-port", String.valueOf(port));

            assertThat(cli.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(cli.stderr())
                    .contains("Port " + port + " for Redis is already in use on 127.0.0.1")
                    .contains("LIANXIN_REDIS_PORT=" + (port + 1))
                    .contains("--redis-port");
            assertThat(cli.stdout()).doesNotContain(StackRunner.READY_LINE);
        }
    }

    @Test
    void reuseLeavesTheRunningServerAlone() throws Exception {
        Path dir = TestSupport.stackDir("cli-reuse");
        try (ServerSocket existing = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int port = existing.getLocalPort();
            Cli cli = Cli.start(dir, "up", "--data", dir.toString(), "--services", "redis",
                    "--redis-port", String.valueOf(port), "--reuse");
            cli.awaitReady(Duration.ofSeconds(30));

            assertThat(Files.readAllLines(dir.resolve("stack.env")))
                    .containsExactly("LIANXIN_REDIS_PORT=" + port, "LIANXIN_STARTED=");
            cli.terminate();
            assertThat(dir.resolve("stack.env")).doesNotExist();
            assertThat(existing.isClosed()).isFalse();
        }
    }

    @Test
    void upStartsEverythingAndSigtermStopsIt() throws Exception {
        Path dir = TestSupport.stackDir("cli-up");
        int pgPort = TestSupport.freePort();
        int redisPort = TestSupport.freePort();
        int kafkaPort = TestSupport.freeKafkaPort();
        Cli cli = Cli.start(dir, "up", "--data", dir.toString(),
                "--pg-port", String.valueOf(pgPort), "--redis-port", String.valueOf(redisPort),
                "--kafka-port", String.valueOf(kafkaPort), "--databases", "lianxin,lianxin_test");
        try {
            cli.awaitReady(Duration.ofSeconds(120));

            assertThat(Files.readAllLines(dir.resolve("stack.env"))).containsExactly(
                    "LIANXIN_PG_PORT=" + pgPort,
                    "LIANXIN_REDIS_PORT=" + redisPort,
                    "LIANXIN_KAFKA_PORT=" + kafkaPort,
                    "LIANXIN_STARTED=postgres,redis,kafka");
            assertThat(List.of(pgPort, redisPort, kafkaPort)).allMatch(Ports::isListening);
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + pgPort + "/lianxin_test", "postgres", "");
                 ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
                assertThat(rows.next()).isTrue();
            }
        } finally {
            cli.terminate();
        }
        assertThat(List.of(pgPort, redisPort, kafkaPort, kafkaPort + 1)).noneMatch(Ports::isListening);
        assertThat(dir.resolve("stack.env")).doesNotExist();
    }

    @Test
    void aServerThatDiesIsRestartedAndOneThatKeepsDyingEndsTheStackLoudly() throws Exception {
        Path dir = TestSupport.stackDir("cli-restart");
        int redisPort = TestSupport.freePort();
        Cli cli = Cli.start(dir, "up", "--data", dir.toString(), "--services", "redis", "--redis-port", String.valueOf(redisPort));
        try {
            cli.awaitReady(Duration.ofSeconds(60));
            for (int restart = 1; restart <= StackRunner.MAX_RESTARTS; restart++) {
                killRedis(cli);
                cli.awaitLines("Restarted Redis", restart, Duration.ofSeconds(60));
                assertThat(Ports.isListening(redisPort)).as("Redis serves again after restart " + restart).isTrue();
                assertThat(cli.process().isAlive()).isTrue();
            }

            killRedis(cli);

            assertThat(cli.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(cli.stderr()).contains("Redis on port " + redisPort + " exited unexpectedly")
                    .contains("giving up and stopping the local services");
        } finally {
            if (cli.process().isAlive()) {
                cli.terminate();
            }
        }
        assertThat(Ports.isListening(redisPort)).isFalse();
    }

    /** kill -9 of the redis-server the stack says it runs now (its latest "pid N"). */
    private static void killRedis(Cli cli) throws Exception {
        List<String> mentions = cli.stdoutLines().stream().filter(line -> line.startsWith("Redis ") || line.startsWith("Restarted Redis"))
                .filter(line -> line.contains(", pid ")).toList();
        String last = mentions.get(mentions.size() - 1);
        long pid = Long.parseLong(last.replaceAll(".*, pid (\\d+).*", "$1"));
        ProcessHandle redis = ProcessHandle.of(pid).orElseThrow();
        redis.destroyForcibly();
        redis.onExit().get(30, TimeUnit.SECONDS);
    }

    /** A LocalStack JVM with its stdout captured line by line and stderr in a file. */
    private record Cli(Process process, List<String> stdoutLines, Path stderrFile) {

        static Cli start(Path workDir, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", TestSupport.classpath(), LocalStack.class.getName()));
            command.addAll(List.of(args));
            Path stderrFile = workDir.resolve("cli.stderr");
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectError(stderrFile.toFile())
                    .start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException streamClosed) {
                    // destroying the process closes its streams; the lines read so far are all there is
                }
            });
            reader.setDaemon(true);
            reader.start();
            return new Cli(process, lines, stderrFile);
        }

        void awaitReady(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stdoutLines.contains(StackRunner.READY_LINE)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("Not ready. stdout: " + stdoutLines + "\nstderr: " + stderr());
                }
                Thread.sleep(100);
            }
        }

        void awaitLines(String prefix, int count, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (stdoutLines.stream().filter(line -> line.startsWith(prefix)).count() < count) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("No " + count + " × '" + prefix + "'. stdout: " + stdoutLines + "\nstderr: " + stderr());
                }
                Thread.sleep(100);
            }
        }

        int awaitExit(Duration timeout) throws Exception {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Did not exit. stderr: " + stderr());
            }
            return process.exitValue();
        }

        /** SIGTERM, as the run script or a test harness would send it. */
        void terminate() throws Exception {
            process.destroy();
            assertThat(awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
        }

        String stdout() {
            return String.join("\n", stdoutLines);
        }

        String stderr() throws IOException {
            return Files.readString(stderrFile);
        }
    }
}
