package cn.lianxin.infra.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A server this stack starts and therefore owns: it must also be able to stop it again. */
interface LocalService {

    ServiceKind kind();

    int port();

    /** Starts the server and returns only once it serves clients on {@link #port()}. */
    void start() throws Exception;

    /**
     * Stops whatever {@link #start()} launched so far; safe to call more than once, at any point
     * of startup, and from the shutdown hook while {@code start()} is still running.
     */
    void stop();

    /** The server process, watched so that a crash ends the stack instead of leaving it half-up. */
    Optional<ProcessHandle> process();

    /** Logs worth showing when the server fails, most useful first. */
    List<Path> logFiles();
}
