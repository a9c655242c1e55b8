package cn.lianxin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the local-stack launcher ({@code infra/local-stack}) as a child JVM: the same code that
 * {@code ./infra/run} uses starts the real servers for the tests. Stopping the process stops what it started.
 */
final class LocalStackProcess {

    private final List<String> arguments;
    private Process process;

    LocalStackProcess(List<String> arguments) {
        this.arguments = List.copyOf(arguments);
    }

    void start() {
        Path classpathFile = Path.of(System.getProperty("lianxin.localstack.classpath",
                "../infra/local-stack/target/local-stack.classpath"));
        try {
            String classpath = Files.readString(classpathFile).strip();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, "cn.lianxin.infra.localstack.LocalStack", "up"));
            command.addAll(arguments);
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            awaitReady();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local stack (build infra/local-stack first: mvn install)", e);
        }
    }

    private void awaitReady() throws IOException {
        StringBuilder output = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            output.append(line).append('\n');
            if (line.equals("LOCAL-STACK READY")) {
                drain(reader);
                return;
            }
        }
        throw new IllegalStateException("the local stack did not become ready:\n" + output);
    }

    /** Keeps reading so that the child never blocks on a full pipe. */
    private static void drain(BufferedReader reader) {
        Thread drainer = new Thread(() -> {
            try {
                while (reader.readLine() != null) {
                    // discarded: each service keeps its own log under the data directory
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "local-stack-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
