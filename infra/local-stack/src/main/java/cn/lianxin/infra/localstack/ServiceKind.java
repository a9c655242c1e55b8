package cn.lianxin.infra.localstack;

import java.util.Arrays;
import java.util.Optional;

/** The servers the local stack knows, with the names users see in options, env vars and messages. */
enum ServiceKind {
    POSTGRES("postgres", "PostgreSQL", "--pg-port", "LIANXIN_PG_PORT", 5432),
    REDIS("redis", "Redis", "--redis-port", "LIANXIN_REDIS_PORT", 6379),
    KAFKA("kafka", "Kafka", "--kafka-port", "LIANXIN_KAFKA_PORT", 9092);

    private final String id;
    private final String displayName;
    private final String portOption;
    private final String portEnvVar;
    private final int defaultPort;

    ServiceKind(String id, String displayName, String portOption, String portEnvVar, int defaultPort) {
        this.id = id;
        this.displayName = displayName;
        this.portOption = portOption;
        this.portEnvVar = portEnvVar;
        this.defaultPort = defaultPort;
    }

    static Optional<ServiceKind> byId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id.equals(id)).findFirst();
    }

    String id() {
        return id;
    }

    String displayName() {
        return displayName;
    }

    String portOption() {
        return portOption;
    }

    String portEnvVar() {
        return portEnvVar;
    }

    int defaultPort() {
        return defaultPort;
    }
}
