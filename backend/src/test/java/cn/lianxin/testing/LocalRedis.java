package cn.lianxin.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

/**
 * A Redis server of a test's own, on its own port and data folder, started by the local-stack launcher as the shared
 * one is: a test may take it away and bring it back without touching the Redis every other test uses.
 */
public final class LocalRedis {

    private final LocalStackProcess process;
    private final int port;

    public LocalRedis(String dataDir) {
        this.port = freePort();
        this.process = new LocalStackProcess(List.of("--services", "redis", "--redis-port", String.valueOf(port), "--data", dataDir));
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server; its append-only file survives a stop, as a real server's would. */
    public void start() {
        process.start();
    }

    public void stop() {
        process.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
