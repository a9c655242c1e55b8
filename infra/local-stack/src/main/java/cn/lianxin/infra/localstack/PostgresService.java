package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real PostgreSQL server driven by initdb and pg_ctl. The data directory is initialized once and
 * reused on every later start, so local data survives restarts.
 */
final class PostgresService implements LocalService {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final StackLayout layout;
    private final int port;
    private final PostgresOsUser osUser;
    private Path installation;
    private boolean launched;
    private boolean stopRequested;

    PostgresService(StackLayout layout, int port, PostgresOsUser osUser) {
        this.layout = layout;
        this.port = port;
        this.osUser = osUser;
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.POSTGRES;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path data = layout.postgresData();
        osUser.checkReachable(data);
        Path pgHome = new PostgresBinaries(layout.binDir()).install();
        prepareWritable(data, layout.postgresSocketDir(), layout.logsDir());
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Commands.run(osUser.command(List.of(
                            pgHome.resolve("bin/initdb").toString(), "-D", data.toString(),
                            "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C")),
                    data, layout.postgresLog(), START_TIMEOUT);
        }
        // pg_ctl start is the only step that leaves a server behind, so it is the one stop() must not race.
        synchronized (this) {
            if (stopRequested) {
                throw new IllegalStateException("PostgreSQL start cancelled by shutdown");
            }
            installation = pgHome;
            launched = true;
            Commands.run(osUser.command(List.of(
                            pgCtl(), "start", "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()),
                            "-D", data.toString(), "-l", layout.postgresLog().toString(),
                            "-o", "-p " + port + " -h " + Ports.LOOPBACK + " -k " + shellQuote(layout.postgresSocketDir()))),
                    data, layout.postgresLog(), START_TIMEOUT.plusSeconds(5));
        }
    }

    @Override
    public synchronized void stop() {
        stopRequested = true;
        // No postmaster.pid: pg_ctl start failed before a server came up, there is nothing to stop.
        if (!launched || !Files.exists(layout.postgresData().resolve("postmaster.pid"))) {
            return;
        }
        launched = false;
        try {
            // "fast" rolls back open transactions instead of waiting for clients (the backend may still be connected).
            Commands.run(osUser.command(List.of(
                            pgCtl(), "stop", "-m", "fast", "-w", "-t", String.valueOf(STOP_TIMEOUT.toSeconds()),
                            "-D", layout.postgresData().toString())),
                    layout.postgresData(), layout.postgresLog(), STOP_TIMEOUT.plusSeconds(5));
        } catch (IOException e) {
            System.err.println("Stopping PostgreSQL failed: " + e.getMessage() + " (log: " + layout.postgresLog() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** pg_ctl daemonizes the postmaster, so its pid is only known from postmaster.pid. */
    @Override
    public Optional<ProcessHandle> process() {
        try {
            List<String> pidFile = Files.readAllLines(layout.postgresData().resolve("postmaster.pid"));
            return ProcessHandle.of(Long.parseLong(pidFile.get(0).trim()));
        } catch (IOException | RuntimeException notRunning) {
            return Optional.empty();
        }
    }

    @Override
    public List<Path> logFiles() {
        return List.of(layout.postgresLog());
    }

    private String pgCtl() {
        return installation.resolve("bin/pg_ctl").toString();
    }

    private void prepareWritable(Path data, Path socketDir, Path logsDir) throws IOException {
        Files.createDirectories(data);
        Files.createDirectories(socketDir);
        Files.createDirectories(logsDir);
        if (!Files.exists(layout.postgresLog())) {
            Files.createFile(layout.postgresLog());
        }
        // pg_ctl opens the log file as the PostgreSQL user, so that user must own it too.
        for (Path path : List.of(data, socketDir, layout.postgresLog())) {
            osUser.own(path);
        }
    }

    /** pg_ctl passes -o through /bin/sh, so a path with spaces must be quoted for the shell. */
    private static String shellQuote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
