package cn.lianxin.broadcasts;

import cn.lianxin.broadcasts.domain.BroadcastState;
import cn.lianxin.events.DomainEvent;
import cn.lianxin.events.Outbox;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

/**
 * A broadcast moved to {@code state}: broadcast.awaiting-approval, broadcast.scheduled, broadcast.sending,
 * broadcast.sent, broadcast.cancelled. The names are the contract with consumers.
 */
public record BroadcastEvent(UUID broadcastId, long townId, BroadcastState state, String actor, OffsetDateTime at) implements DomainEvent {

    @Override
    public String type() {
        return "broadcast." + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String aggregateType() {
        return "broadcast";
    }

    @Override
    public String aggregateId() {
        return broadcastId.toString();
    }

    @Override
    public String topic() {
        return Outbox.BROADCAST_EVENTS;
    }
}
