package cn.lianxin.work;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** How a scheduled stage runs its rounds. */
public final class Rounds {

    private Rounds() {
    }

    /**
     * Rounds one after another while each comes back full ({@code full} items), so that a burst waits for its own
     * handling and not for the next tick; the first round that is not full ends it until the next tick.
     */
    public static Uni<Void> drain(Supplier<Uni<? extends Integer>> round, int full) {
        return Multi.createBy().repeating().<Integer>uni(round).whilst(handled -> handled >= full).collect().last().replaceWithVoid();
    }
}
