package cn.lianxin.infra.localstack;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * initdb and postgres refuse to run as root. Containers and CI machines often are root, so there
 * the PostgreSQL commands run as user "nobody" (uid/gid 65534) via setpriv, and the directories
 * PostgreSQL writes to are handed to that user. As any other user nothing changes.
 */
final class PostgresOsUser {
    private static final int NOBODY = 65534;

    private final boolean dropFromRoot;

    private PostgresOsUser(boolean dropFromRoot) {
        this.dropFromRoot = dropFromRoot;
    }

    static PostgresOsUser forCurrentUser() {
        return new PostgresOsUser(new UnixSystem().getUid() == 0);
    }

    List<String> command(List<String> command) {
        if (!dropFromRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes {@code path} (a directory or file we created) writable by the PostgreSQL user. */
    void own(Path path) throws IOException {
        if (dropFromRoot) {
            Files.setAttribute(path, "unix:uid", NOBODY);
            Files.setAttribute(path, "unix:gid", NOBODY);
        }
    }

    /**
     * "nobody" must be able to walk down to the data directory; a 0700 parent (e.g. a private temp
     * dir) would otherwise surface as an obscure "permission denied" deep inside initdb.
     */
    void checkReachable(Path path) throws IOException {
        if (!dropFromRoot) {
            return;
        }
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IOException("Running as root, PostgreSQL runs as user nobody, which cannot enter " + dir
                        + " (no execute permission for others). Use a --data directory below a world-accessible path,"
                        + " or chmod o+x " + dir);
            }
        }
    }
}
