package cn.lianxin.infra.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The redis-server executable shipped inside the embedded-redis jar. We only borrow the binary and
 * the library's platform-to-resource table; the process itself is ours, so that we control its
 * arguments, log file and shutdown.
 */
final class RedisBinary {
    private final Path binDir;

    RedisBinary(Path binDir) {
        this.binDir = binDir;
    }

    Path install() throws IOException {
        OsArchitecture platform = OsArchitecture.detectOSandArchitecture();
        String resource = ExecutableProvider.newProvidedVersionsMap().get(platform);
        if (resource == null) {
            throw new IOException("embedded-redis has no redis-server binary for " + platform.os + "/" + platform.arch);
        }
        // The resource name carries the Redis version, so upgrades land in a new file.
        Path target = binDir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isExecutable(target)) {
            return target;
        }
        Files.createDirectories(binDir);
        Path partial = binDir.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
        try (InputStream in = RedisServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Resource " + resource + " missing from the embedded-redis jar");
            }
            Files.copy(in, partial);
        }
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
