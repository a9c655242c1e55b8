package cn.lianxin.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A full hashing pool refuses at once instead of queueing without end. */
class HashingPoolTest {

    @Test
    void shouldRefuseWith503WhenEveryThreadAndQueueSlotIsTaken() {
        HashingPool pool = new HashingPool(1, 1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Boolean> held = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        };
        try {
            CompletableFuture<Boolean> running = pool.run(held).subscribeAsCompletionStage();
            CompletableFuture<Boolean> queued = pool.run(held).subscribeAsCompletionStage();

            assertThatThrownBy(() -> pool.run(held).await().indefinitely()).isInstanceOf(LoginThrottled.class)
                    .satisfies(e -> assertThat(((LoginThrottled) e).problem().status()).isEqualTo(503));

            release.countDown();
            assertThat(running.join()).isTrue();
            assertThat(queued.join()).isTrue();
        } finally {
            release.countDown();
            pool.stop();
        }
    }
}
