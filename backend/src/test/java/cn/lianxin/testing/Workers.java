package cn.lianxin.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Drives a worker's runOnce() from a test, on a Vert.x context as the scheduler would, instead of waiting for it. */
public final class Workers {

    private Workers() {
    }

    /** @return how many items the round handled */
    public static int runOnce(Supplier<Uni<Integer>> worker) {
        try {
            return VertxContextSupport.subscribeAndAwait(worker);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
