package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A real redis-server with an append-only file, so keys survive restarts like a normal installation. */
final class RedisService extends ChildProcessService {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    // On SIGTERM Redis fsyncs the AOF before exiting; a few seconds is plenty for local data.

    private final StackLayout layout;
    private final int port;

    RedisService(StackLayout layout, int port) {
        super(Duration.ofSeconds(10));
        this.layout = layout;
        this.port = port;
    }

    @Override
    public ServiceKind kind() {
        return ServiceKind.REDIS;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void start() throws IOException, InterruptedException {
        Path executable = new RedisBinary(layout.binDir()).install();
        Files.createDirectories(layout.redisData());
        Files.createDirectories(layout.logsDir());
        Process started = launch(List.of(executable.toString(),
                "--bind", Ports.LOOPBACK,
                "--port", String.valueOf(port),
                "--protected-mode", "no",
                "--dir", layout.redisData().toString(),
                "--appendonly", "yes",
                "--daemonize", "no"));
        awaitPong(started);
    }

    private Process launch(List<String> command) throws IOException {
        // Without --logfile Redis logs to stdout, which also captures errors printed before logging starts.
        return launch(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(layout.redisLog().toFile()));
    }

    private void awaitPong(Process started) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IOException("redis-server exited with code " + started.exitValue() + " during startup");
            }
            if (answersPing()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("Redis did not answer PING on port " + port + " within " + START_TIMEOUT.toSeconds() + " s");
    }

    /** An open port is not enough: Redis answers -LOADING while it replays a large AOF. */
    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            return in.readNBytes(reply, 0, reply.length) == reply.length
                    && new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public List<Path> logFiles() {
        return List.of(layout.redisLog());
    }
}
