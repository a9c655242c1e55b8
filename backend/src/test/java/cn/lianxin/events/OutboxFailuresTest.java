package cn.lianxin.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which send failures park a row (the record itself) and which keep every row waiting (the broker). */
class OutboxFailuresTest {

    @Test
    void shouldParkWhatTheBrokerRefusesForTheRecordItself() {
        assertThat(OutboxRelay.neverPublishable(new CompletionException(new RecordTooLargeException("MESSAGE_TOO_LARGE")))).isTrue();
    }

    @Test
    void shouldKeepWaitingWhileTheBrokerIsAwayOrRefusesEveryone() {
        assertThat(OutboxRelay.neverPublishable(new TimeoutException("Expiring 1 record(s)"))).isFalse();
        assertThat(OutboxRelay.neverPublishable(new NotLeaderOrFollowerException("moved"))).isFalse();
        assertThat(OutboxRelay.neverPublishable(new TopicAuthorizationException("no ACL"))).isFalse();
    }
}
