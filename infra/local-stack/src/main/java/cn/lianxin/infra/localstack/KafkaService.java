package cn.lianxin.infra.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) in a child JVM. A child,
 * not in-process: the broker's threads, logging and memory stay away from the caller, and stopping
 * it is just ending a process. The controller listens on port+1.
 */
final class KafkaService extends ChildProcessService {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final StackLayout layout;
    private final int port;
    private final String classpath;

    /** @param classpath the classpath of this module (Kafka and {@link KafkaBrokerMain}) for the child JVM */
    KafkaService(StackLayout layout, int port, String classpath) {
        // A clean shutdown flushes logs and the metadata snapshot; after 20 s it is killed.
        super(Duration.ofSeconds(20));
        this.layout = layout;
        this.port = port;
        this.classpath = classpath;
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.KAFKA;
    }

    @Override
    public int port() {
        return port;
    }

    int controllerPort() {
        return port + 1;
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path dir = layout.kafkaDir();
        Files.createDirectories(dir);
        // Rewritten on every start because the ports may differ from the last run; the data does not care.
        Files.writeString(serverProperties(), serverConfig());
        Files.writeString(log4jConfig(), log4jConfigText());
        if (!Files.exists(dir.resolve("meta.properties"))) {
            formatStorage();
        }
        Process started = launch(brokerCommand());
        awaitReady(started);
    }

    /**
     * One-time step; the cluster id it writes to meta.properties is kept from then on. Runs in this
     * JVM because it only writes a few files, and a second JVM start would cost seconds per cold start.
     */
    private void formatStorage() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c", serverProperties().toString()}, print);
        } catch (Exception e) { // the Scala code throws checked exceptions Java cannot see
            throw new IOException("Formatting Kafka storage failed: " + e.getMessage() + "\n" + output, e);
        }
        if (exitCode != 0) {
            throw new IOException("Formatting Kafka storage failed with exit code " + exitCode + ":\n" + output);
        }
    }

    private Process launch(List<String> command) throws IOException {
        // stdin stays a pipe we never close: it is the child's lifeline (see KafkaBrokerMain).
        return launch(new ProcessBuilder(command)
                .directory(layout.kafkaDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog().toFile()));
    }

    /** The port opens before the broker has registered with its controller; describeCluster answers only after. */
    private void awaitReady(Process started) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IOException("Kafka exited with code " + started.exitValue() + " during startup");
            }
            if (Ports.isListening(port) && describesCluster()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IOException("Kafka was not ready on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    private boolean describesCluster() throws InterruptedException {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Ports.LOOPBACK + ":" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    @Override
    public List<Path> logFiles() {
        return List.of(consoleLog(), layout.kafkaDir().resolve("server.log"));
    }

    private List<String> brokerCommand() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseG1GC",
                // C1 only: the broker is up in ~4 s instead of ~6 s; local loads never need C2's peak speed.
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-cp", classpath,
                KafkaBrokerMain.class.getName(),
                serverProperties().toString());
    }

    private Path serverProperties() {
        return layout.kafkaDir().resolve("server.properties");
    }

    private Path log4jConfig() {
        return layout.kafkaDir().resolve("log4j2.properties");
    }

    /** stdout/stderr of the broker JVM: normally empty, but JVM and classpath errors land here. */
    private Path consoleLog() {
        return layout.kafkaDir().resolve("kafka.out");
    }

    private String serverConfig() {
        String broker = Ports.LOOPBACK + ":" + port;
        String controller = Ports.LOOPBACK + ":" + controllerPort();
        return String.join("\n",
                "# Written by cn.lianxin.infra.localstack on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + controller,
                "listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + broker,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + layout.kafkaDir(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Defaults are 50 partitions each; creating them delays the first consumer group by seconds.
                "offsets.topic.num.partitions=1",
                "transaction.state.log.num.partitions=1",
                // One broker: no point waiting for more group members before the first rebalance.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private String log4jConfigText() {
        Path serverLog = layout.kafkaDir().resolve("server.log");
        return String.join("\n",
                // Kafka logs its own shutdown from a shutdown hook; log4j's hook must not close the file first.
                "shutdownHook=disable",
                "appender.file.type=RollingFile",
                "appender.file.name=file",
                "appender.file.fileName=" + serverLog,
                "appender.file.filePattern=" + serverLog + ".%i",
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %m (%c)%n",
                "appender.file.policies.type=Policies",
                "appender.file.policies.size.type=SizeBasedTriggeringPolicy",
                "appender.file.policies.size.size=10MB",
                "appender.file.strategy.type=DefaultRolloverStrategy",
                "appender.file.strategy.max=3",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "");
    }
}
