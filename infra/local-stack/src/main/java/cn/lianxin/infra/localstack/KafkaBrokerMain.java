package cn.lianxin.infra.localstack;

import java.io.IOException;

/**
 * Entry point of the Kafka child JVM: kafka.Kafka plus a lifeline. The parent keeps our stdin pipe
 * open for as long as it lives; when it dies, even by SIGKILL, the pipe reaches end-of-file and we
 * exit through Kafka's own shutdown hook instead of lingering as an orphan holding the ports.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) {
        Thread lifeline = new Thread(KafkaBrokerMain::exitWhenParentGone, "parent-lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenParentGone() {
        try {
            while (System.in.read() != -1) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException pipeBroken) {
            // same meaning as end-of-file: the parent is gone
        }
        System.exit(0);
    }
}
