package cn.lianxin.staff;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where sign-in passwords are hashed: a few threads of its own and a short queue. Vert.x's worker pool would queue
 * without end and share its threads with every blocking call of the API, so that a login flood slowed all of it;
 * here a full queue refuses the sign-in at once (503) and nothing else waits behind the hashing.
 */
@ApplicationScoped
public class HashingPool {

    private final ThreadPoolExecutor executor;

    public HashingPool(@ConfigProperty(name = "lianxin.staff.hash-threads") int threads,
            @ConfigProperty(name = "lianxin.staff.hash-queue") int queue) {
        AtomicInteger number = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                work -> {
                    Thread thread = new Thread(work, "staff-login-hash-" + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs the hashing on the pool and answers on the caller's Vert.x context, or fails with 503 when full. */
    public <T> Uni<T> run(Supplier<T> hashing) {
        Context caller = Vertx.currentContext();
        Uni<T> done = Uni.createFrom().completionStage(() -> CompletableFuture.supplyAsync(hashing, executor))
                .onFailure(RejectedExecutionException.class).transform(e -> LoginThrottled.busy());
        return caller == null ? done : done.emitOn(command -> caller.runOnContext(v -> command.run()));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
