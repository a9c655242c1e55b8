package cn.lianxin.infra.localstack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL distribution for this platform, taken from zonky's binaries jars (we use nothing
 * else of zonky: its starter refuses to run as root). Extracted once per archive content into
 * {@code bin/postgres-<hash>}, so a newer zonky version gets a fresh directory next to the old one.
 */
final class PostgresBinaries {
    private final Path binDir;

    PostgresBinaries(Path binDir) {
        this.binDir = binDir;
    }

    /** Returns the installation directory (containing bin/initdb, bin/pg_ctl, lib, share). */
    Path install() throws IOException {
        byte[] archive = readArchive();
        Path target = binDir.resolve("postgres-" + shortHash(archive));
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(binDir);
        // Extract beside the target and rename, so an interrupted extraction is never mistaken for a complete one.
        Path partial = binDir.resolve(target.getFileName() + ".partial-" + UUID.randomUUID());
        extract(archive, partial);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException concurrentInstall) {
            deleteRecursively(partial);
        }
        return target;
    }

    private static byte[] readArchive() throws IOException {
        String os = System.getProperty("os.name");
        String system = os.startsWith("Mac") ? "Darwin" : os.startsWith("Windows") ? "Windows" : "Linux";
        String architecture = ArchUtils.normalize(System.getProperty("os.arch").toLowerCase(Locale.ROOT));
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
            return in.readAllBytes();
        }
    }

    private static String shortHash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    continue; // permissions of a symlink are those of its target
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                }
                // Modes come from the archive, not our umask: the PostgreSQL user may differ from us (see PostgresOsUser).
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE = 0400 .. 0001
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
