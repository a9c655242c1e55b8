package cn.lianxin.channels.sms;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A resident's SMS that answers a policy broadcast they were sent: a question about that policy. Implemented by
 * the broadcasts context, so that SMS does not depend on it.
 */
public interface BroadcastAnswers {

    /** A broadcast SMS sent to a resident: which broadcast, and when. */
    record Sent(UUID broadcastId, OffsetDateTime at) {
    }

    /** The broadcast SMS most recently sent to the resident since {@code since}, if any. */
    Uni<Optional<Sent>> latest(UUID residentId, OffsetDateTime since);

    /** Registers the text as a question about the broadcast (a case linked to it), in the caller's transaction; the case's id. */
    Uni<UUID> ask(Sent broadcast, UUID residentId, Long villageId, String text, String actor);
}
