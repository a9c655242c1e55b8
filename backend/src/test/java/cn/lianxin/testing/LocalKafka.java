package cn.lianxin.testing;

import java.util.List;

/** The Kafka broker the tests own, so that a test can take it away and bring it back. */
public final class LocalKafka {

    private final LocalStackProcess process;
    private final int port;

    LocalKafka(String dataDir, int port) {
        this.port = port;
        this.process = new LocalStackProcess(List.of("--services", "kafka", "--kafka-port", String.valueOf(port), "--data", dataDir));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker; its logs survive a stop, as a real broker's would. */
    public void start() {
        process.start();
    }

    public void stop() {
        process.stop();
    }
}
