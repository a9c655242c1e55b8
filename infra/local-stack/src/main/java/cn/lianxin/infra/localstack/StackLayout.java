package cn.lianxin.infra.localstack;

import java.nio.file.Path;

/**
 * Where everything lives under the {@code --data} directory. Data directories survive restarts;
 * {@code bin} caches the binaries extracted from the Maven artifacts so warm starts skip extraction.
 */
record StackLayout(Path root) {

    StackLayout {
        root = root.toAbsolutePath().normalize();
    }

    Path binDir() {
        return root.resolve("bin");
    }

    Path logsDir() {
        return root.resolve("logs");
    }

    Path postgresData() {
        return root.resolve("postgres");
    }

    /** Unix socket directory; kept out of /tmp so parallel stacks never share sockets. */
    Path postgresSocketDir() {
        return root.resolve("postgres-socket");
    }

    Path postgresLog() {
        return logsDir().resolve("postgres.log");
    }

    Path redisData() {
        return root.resolve("redis");
    }

    Path redisLog() {
        return logsDir().resolve("redis.log");
    }

    /** Kafka's log.dirs; its config, server.log and console output sit next to the partitions. */
    Path kafkaDir() {
        return root.resolve("kafka");
    }

    Path stackEnv() {
        return root.resolve("stack.env");
    }
}
