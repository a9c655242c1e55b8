package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A service that is one child process of this JVM. Start and stop may race (the shutdown hook can fire while
 * the server is still starting), so launching after a stop request is refused and stopping is idempotent.
 */
abstract class ChildProcessService implements LocalService {

    private final Duration stopGrace;
    private Process process;
    private boolean stopRequested;

    protected ChildProcessService(Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    protected final synchronized Process launch(ProcessBuilder builder) throws IOException {
        if (stopRequested) {
            throw new IllegalStateException(kind().displayName() + " start cancelled by shutdown");
        }
        process = builder.start();
        return process;
    }

    @Override
    public final void stop() {
        Process running;
        synchronized (this) {
            stopRequested = true;
            running = process;
        }
        if (running != null) {
            Commands.terminate(running, stopGrace);
        }
    }

    @Override
    public final synchronized Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }
}
