package cn.lianxin.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.HashMap;
import java.util.Map;

/**
 * Real PostgreSQL, Redis and Kafka for every Quarkus test, and WireMock fakes of the providers ({@link ProviderFakes}). PostgreSQL and Redis already listening on their
 * standard loopback ports are reused, otherwise started; Kafka is always the tests' own (on a free port),
 * because the outage test stops and restarts it and must never stop someone else's broker.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    /** Overridable so that two checkouts can run their suites at once without cleaning each other's data. */
    private static final String DATABASE = System.getProperty("lianxin.test.database", "lianxin_test");
    private static final String REDIS_DATABASE = System.getProperty("lianxin.test.redis-database", "1");

    private LocalStackProcess services;
    private LocalKafka kafka;
    private final ProviderFakes providers = new ProviderFakes();

    @Override
    public Map<String, String> start() {
        Path work = Path.of(System.getProperty("lianxin.localstack.work", "target/local-stack"));
        services = new LocalStackProcess(List.of("--reuse", "--services", "postgres,redis", "--pg-port", "5432",
                "--redis-port", "6379", "--databases", DATABASE, "--data", work.resolve("services").toString()));
        services.start();
        // A fresh broker each run: the database is cleaned at start, so events of an earlier run would be strangers.
        deleteRecursively(work.resolve("kafka"));
        kafka = new LocalKafka(work.resolve("kafka").toString(), freePort());
        kafka.start();
        providers.start();
        Map<String, String> config = new HashMap<>(TestSecrets.configuration());
        config.putAll(providers.configuration());
        config.putAll(Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + DATABASE,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "quarkus.redis.hosts", "redis://127.0.0.1:6379/" + REDIS_DATABASE,
                "kafka.bootstrap.servers", kafka.bootstrapServers()));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(kafka, new TestInjector.MatchesType(LocalKafka.class));
        injector.injectIntoFields(providers, new TestInjector.MatchesType(ProviderFakes.class));
    }

    @Override
    public void stop() {
        providers.stop();
        if (kafka != null) {
            kafka.stop();
        }
        if (services != null) {
            services.stop();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        // Kafka also takes port + 1 for its controller; two free ports in a row are what we ask for.
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket a = new ServerSocket(0)) {
                int port = a.getLocalPort();
                try (ServerSocket b = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another pair
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }
}
