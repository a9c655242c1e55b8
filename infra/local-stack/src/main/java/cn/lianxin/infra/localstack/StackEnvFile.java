package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code stack.env}: the ports of the running stack for scripts and tests ({@code source}-able and
 * a properties file at once). It exists exactly while the stack is up.
 */
final class StackEnvFile {
    private final Path file;

    StackEnvFile(Path file) {
        this.file = file;
    }

    void write(Map<ServiceKind, Integer> ports, Collection<ServiceKind> started) throws IOException {
        StringBuilder text = new StringBuilder();
        ports.forEach((kind, port) -> text.append(kind.portEnvVar()).append('=').append(port).append('\n'));
        text.append("LIANXIN_STARTED=")
                .append(started.stream().map(ServiceKind::id).collect(Collectors.joining(",")))
                .append('\n');
        // Readers poll for this file; write-then-rename means they never see half of it.
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
