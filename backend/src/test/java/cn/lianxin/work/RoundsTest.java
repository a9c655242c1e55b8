package cn.lianxin.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    /** A stage whose rounds handle these many items, one after another. */
    private static int roundsRun(List<Integer> handledPerRound, int full) {
        Deque<Integer> left = new ArrayDeque<>(handledPerRound);
        int before = left.size();
        Rounds.drain(() -> Uni.createFrom().item(left.removeFirst()), full).await().indefinitely();
        return before - left.size();
    }

    @Test
    void shouldRunRoundsWhileEachComesBackFull() {
        assertThat(roundsRun(List.of(50, 50, 50, 7, 50), 50)).isEqualTo(4);
    }

    @Test
    void shouldStopAfterOneRoundThatIsNotFull() {
        assertThat(roundsRun(List.of(0, 50), 50)).isEqualTo(1);
        assertThat(roundsRun(List.of(49, 50), 50)).isEqualTo(1);
    }
}
