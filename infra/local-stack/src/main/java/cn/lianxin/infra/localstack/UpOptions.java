package cn.lianxin.infra.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options of {@code LocalStack up}. */
record UpOptions(Path dataDir, Set<ServiceKind> services, Map<ServiceKind, Integer> ports,
                 List<String> databases, boolean reuse) {

    static final String USAGE = String.join("\n",
            "Usage: LocalStack up --data DIR [options]",
            "  Runs PostgreSQL, Redis and Kafka on 127.0.0.1 until SIGINT/SIGTERM. Prints 'LOCAL-STACK READY'",
            "  once all are up and writes DIR/stack.env. Data under DIR survives restarts.",
            "Options:",
            "  --data DIR             where data, logs and extracted binaries live (required)",
            "  --services LIST        comma-separated subset of postgres,redis,kafka (default: all)",
            "  --pg-port N            PostgreSQL port (default 5432)",
            "  --redis-port N         Redis port (default 6379)",
            "  --kafka-port N         Kafka port (default 9092); the Kafka controller uses N+1",
            "  --databases LIST       PostgreSQL databases to create if missing (default: lianxin)",
            "  --reuse                use a server already listening on a port instead of failing");

    UpOptions {
        services = Collections.unmodifiableSet(EnumSet.copyOf(services));
        ports = Collections.unmodifiableMap(new EnumMap<>(ports));
        databases = List.copyOf(databases);
    }

    int port(ServiceKind kind) {
        return ports.get(kind);
    }

    /** Parses the arguments after {@code up}. */
    static UpOptions parse(List<String> args) throws UsageException {
        Path dataDir = null;
        Set<ServiceKind> services = EnumSet.allOf(ServiceKind.class);
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            ports.put(kind, kind.defaultPort());
        }
        List<String> databases = List.of("lianxin");
        boolean reuse = false;

        Iterator<String> it = args.iterator();
        while (it.hasNext()) {
            String option = it.next();
            switch (option) {
                case "--data" -> dataDir = Path.of(value(option, it));
                case "--services" -> services = parseServices(value(option, it));
                case "--pg-port" -> ports.put(ServiceKind.POSTGRES, parsePort(option, value(option, it)));
                case "--redis-port" -> ports.put(ServiceKind.REDIS, parsePort(option, value(option, it)));
                case "--kafka-port" -> ports.put(ServiceKind.KAFKA, parsePort(option, value(option, it)));
                case "--databases" -> databases = parseDatabases(value(option, it));
                case "--reuse" -> reuse = true;
                default -> throw new UsageException("Unknown argument: " + option);
            }
        }
        if (dataDir == null) {
            throw new UsageException("--data DIR is required");
        }
        if (ports.get(ServiceKind.KAFKA) == 65535) {
            throw new UsageException("--kafka-port must leave room for the controller on port+1");
        }
        ports.keySet().retainAll(services);
        return new UpOptions(dataDir, services, ports, databases, reuse);
    }

    private static String value(String option, Iterator<String> it) throws UsageException {
        if (!it.hasNext()) {
            throw new UsageException(option + " needs a value");
        }
        return it.next();
    }

    private static int parsePort(String option, String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below like an out-of-range number
        }
        throw new UsageException(option + " needs a port number 1-65535, got: " + text);
    }

    private static Set<ServiceKind> parseServices(String text) throws UsageException {
        Set<ServiceKind> services = EnumSet.noneOf(ServiceKind.class);
        for (String id : text.split(",")) {
            services.add(ServiceKind.byId(id.trim())
                    .orElseThrow(() -> new UsageException("Unknown service '" + id + "'; known: postgres,redis,kafka")));
        }
        return services;
    }

    private static List<String> parseDatabases(String text) throws UsageException {
        List<String> names = new ArrayList<>();
        for (String name : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!PostgresDatabases.VALID_NAME.matcher(name).matches()) {
                throw new UsageException("Database names must be lower-case identifiers ([a-z_][a-z0-9_]*), got: " + name);
            }
            names.add(name);
        }
        return names;
    }
}
