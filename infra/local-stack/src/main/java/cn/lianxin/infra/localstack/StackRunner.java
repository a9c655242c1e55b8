package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code LocalStack up}: decides per service whether to reuse or start it, starts the missing ones
 * in parallel, announces readiness and then stays in the foreground. Everything it started is
 * stopped by a shutdown hook (SIGINT, SIGTERM, or any exit), and nothing it merely reused.
 */
final class StackRunner {
    static final String READY_LINE = "LOCAL-STACK READY";
    private static final int LOG_TAIL_LINES = 40;
    static final int MAX_RESTARTS = 3;
    static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    private final UpOptions options;
    private final StackLayout layout;
    private final String classpath;
    private final PrintStream out;
    private final PrintStream err;
    private final StackEnvFile envFile;
    private final List<LocalService> owned = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** @param classpath classpath for the Kafka child JVM; the CLI passes its own */
    StackRunner(UpOptions options, String classpath, PrintStream out, PrintStream err) {
        this.options = options;
        this.layout = new StackLayout(options.dataDir());
        this.classpath = classpath;
        this.out = out;
        this.err = err;
        this.envFile = new StackEnvFile(layout.stackEnv());
    }

    /**
     * Returns only on failure or when a started server dies and cannot be restarted (exit code 1); normally the process
     * ends by a signal while this waits.
     */
    int run() throws PortInUseException, IOException, InterruptedException {
        long startNanos = System.nanoTime();
        Files.createDirectories(layout.root());
        envFile.delete(); // left behind by a killed run; its ports must not be trusted
        Set<ServiceKind> reused = servicesToReuse();
        for (ServiceKind kind : options.services()) {
            if (!reused.contains(kind)) {
                owned.add(create(kind));
            }
        }
        // Registered before anything starts, so Ctrl-C during startup also cleans up.
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "local-stack-shutdown"));

        if (!startOwned() || !ensureDatabases()) {
            return 1; // the shutdown hook stops what did start
        }
        for (ServiceKind kind : options.services()) {
            out.println(describe(kind, reused.contains(kind)));
        }
        envFile.write(options.ports(), owned.stream().map(LocalService::kind).toList());
        out.printf("Ready in %.1f s; ports in %s%n", (System.nanoTime() - startNanos) / 1e9, layout.stackEnv());
        out.println(READY_LINE);
        out.flush();
        return awaitUnexpectedExit();
    }

    private Set<ServiceKind> servicesToReuse() throws PortInUseException {
        Set<ServiceKind> reused = EnumSet.noneOf(ServiceKind.class);
        for (ServiceKind kind : options.services()) {
            int port = options.port(kind);
            if (Ports.isListening(port)) {
                if (!options.reuse()) {
                    throw new PortInUseException(kind, kind.displayName(), port, port);
                }
                reused.add(kind);
            } else if (kind == ServiceKind.KAFKA && Ports.isListening(port + 1)) {
                throw new PortInUseException(kind, "the Kafka controller (Kafka port + 1)", port + 1, port);
            }
        }
        return reused;
    }

    private LocalService create(ServiceKind kind) {
        int port = options.port(kind);
        return switch (kind) {
            case POSTGRES -> new PostgresService(layout, port, PostgresOsUser.forCurrentUser());
            case REDIS -> new RedisService(layout, port);
            case KAFKA -> new KafkaService(layout, port, classpath);
        };
    }

    /** Starts all owned services at once (they are independent); false if any failed. */
    private boolean startOwned() throws InterruptedException {
        if (owned.isEmpty()) {
            return true;
        }
        ExecutorService pool = Executors.newFixedThreadPool(owned.size(), task -> {
            Thread thread = new Thread(task, "local-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<LocalService, Future<?>> starts = new LinkedHashMap<>();
            for (LocalService service : owned) {
                // Said as each start begins, so that a log shows where a slow or stuck start stands.
                out.println("Starting " + service.kind().displayName() + " on " + Ports.LOOPBACK + ":" + service.port() + " …");
                out.flush();
                starts.put(service, pool.submit(() -> {
                    service.start();
                    return null;
                }));
            }
            boolean allStarted = true;
            for (Map.Entry<LocalService, Future<?>> start : starts.entrySet()) {
                try {
                    start.getValue().get();
                } catch (ExecutionException e) {
                    allStarted = false;
                    reportFailure(start.getKey(), "failed to start: " + e.getCause().getMessage());
                }
            }
            return allStarted;
        } finally {
            pool.shutdown();
        }
    }

    private boolean ensureDatabases() {
        if (!options.services().contains(ServiceKind.POSTGRES) || options.databases().isEmpty()) {
            return true;
        }
        int port = options.port(ServiceKind.POSTGRES);
        try {
            new PostgresDatabases(port).ensure(options.databases());
            return true;
        } catch (SQLException e) {
            err.println("ERROR: could not create databases " + options.databases() + " in PostgreSQL on port "
                    + port + " (connecting as user postgres without password): " + e.getMessage());
            return false;
        }
    }

    private String describe(ServiceKind kind, boolean reused) {
        String address = kind.displayName() + " " + Ports.LOOPBACK + ":" + options.port(kind);
        if (reused) {
            return address + " (reused, already running)";
        }
        String pid = owned.stream().filter(s -> s.kind() == kind).findFirst()
                .flatMap(LocalService::process)
                .map(handle -> ", pid " + handle.pid())
                .orElse("");
        return address + " (started" + pid + ")";
    }

    /**
     * Watches what we started. A server that dies is restarted in place (its data is on disk, the backend
     * reconnects), so that one crash does not take the other two down; one that keeps dying ends the stack,
     * loudly, and the run script stops the backend with it.
     */
    private int awaitUnexpectedExit() throws InterruptedException {
        if (owned.stream().allMatch(service -> service.process().isEmpty())) {
            new CountDownLatch(1).await(); // only reused servers: nothing to watch, wait for the signal
        }
        Restarts restarts = new Restarts(MAX_RESTARTS, RESTART_WINDOW);
        while (true) {
            LocalService died = awaitFirstExit();
            if (stopping.get()) {
                return 0; // our own shutdown stopped it
            }
            reportFailure(died, "exited unexpectedly");
            if (!restarts.allow(died.kind())) {
                err.println("ERROR: " + died.kind().displayName() + " died " + MAX_RESTARTS + " times within "
                        + RESTART_WINDOW.toMinutes() + " minutes; giving up and stopping the local services");
                return 1;
            }
            out.println("Restarting " + died.kind().displayName() + " on " + Ports.LOOPBACK + ":" + died.port() + " …");
            out.flush();
            try {
                died.start();
            } catch (Exception e) {
                reportFailure(died, "could not be restarted: " + e.getMessage());
                return 1;
            }
            out.println("Restarted " + describe(died.kind(), false));
            out.flush();
        }
    }

    /** Blocks until one of the owned servers' processes ends, and says which. */
    private LocalService awaitFirstExit() throws InterruptedException {
        Map<LocalService, CompletableFuture<ProcessHandle>> exits = new LinkedHashMap<>();
        for (LocalService service : owned) {
            service.process().ifPresent(handle -> exits.put(service, handle.onExit()));
        }
        if (exits.isEmpty()) {
            new CountDownLatch(1).await(); // nothing left to watch: wait for the signal
        }
        CompletableFuture.anyOf(exits.values().toArray(CompletableFuture[]::new)).join();
        return exits.entrySet().stream().filter(exit -> exit.getValue().isDone()).findFirst().orElseThrow().getKey();
    }

    private void reportFailure(LocalService service, String what) {
        if (stopping.get()) {
            return; // a signal interrupted startup; the failures are our own doing
        }
        err.println("ERROR: " + service.kind().displayName() + " on port " + service.port() + " " + what);
        for (Path log : service.logFiles()) {
            try {
                if (Files.size(log) > 0) {
                    err.println("--- last lines of " + log + " ---");
                    LogTail.lastLines(log, LOG_TAIL_LINES).forEach(err::println);
                }
            } catch (IOException missing) {
                // a log that was never written has nothing to tell
            }
        }
    }

    /** Stops only what we started, all at once: they are independent and Ctrl-C should be quick. */
    private void shutDown() {
        stopping.set(true);
        List<Thread> stoppers = new ArrayList<>();
        for (LocalService service : owned) {
            Thread stopper = new Thread(() -> {
                service.stop();
                out.println("Stopped " + service.kind().displayName());
            }, "local-stack-stop-" + service.kind().id());
            stopper.start();
            stoppers.add(stopper);
        }
        try {
            for (Thread stopper : stoppers) {
                stopper.join();
            }
            envFile.delete();
        } catch (InterruptedException | IOException e) {
            err.println("Shutdown incomplete: " + e);
        }
        out.flush();
    }
}
