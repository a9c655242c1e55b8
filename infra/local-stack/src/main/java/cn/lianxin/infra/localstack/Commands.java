package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the short-lived setup commands (initdb, pg_ctl, Kafka's storage format) to completion. */
final class Commands {

    private Commands() {
    }

    /** Runs {@code command} with its output appended to {@code log}; fails unless it exits with 0 in time. */
    static void run(List<String> command, Path workDir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("Timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException("Exit code " + process.exitValue() + " from: " + String.join(" ", command));
        }
    }

    /** Asks a server process to shut down cleanly (SIGTERM) and kills it if it takes longer than {@code grace}. */
    static void terminate(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
