package cn.lianxin.broadcasts;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.broadcasts.domain.BroadcastCommand;
import cn.lianxin.broadcasts.domain.BroadcastRules;
import cn.lianxin.broadcasts.domain.BroadcastRules.Actor;
import cn.lianxin.broadcasts.domain.BroadcastState;
import cn.lianxin.broadcasts.domain.Refusal;
import cn.lianxin.events.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * Gives a broadcast a command the way the case core does: loads it (for update), asks {@link BroadcastRules},
 * runs what the command does, and writes the new state, the record line and the outbox event in one transaction.
 */
@ApplicationScoped
public class BroadcastLifecycle {

    private final Outbox outbox;
    private final Clock clock;

    public BroadcastLifecycle(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** In its own transaction. */
    public Uni<Broadcast> execute(UUID id, BroadcastCommand command, Actor actor) {
        return Panache.withTransaction(() -> within(id, command, actor, b -> Uni.createFrom().voidItem()));
    }

    /**
     * Inside the caller's transaction: {@code effect} runs once the rules said yes and before the state changes (the
     * sender resolves the audience there, so that the rows and the state commit together).
     */
    public Uni<Broadcast> within(UUID id, BroadcastCommand command, Actor actor, Function<Broadcast, Uni<Void>> effect) {
        return Broadcast.<Broadcast>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("Broadcast " + id))
                .chain(b -> {
                    BroadcastRules.refusal(actor, b, command).ifPresent(r -> {
                        throw new ApiException(problem(r));
                    });
                    return effect.apply(b).chain(() -> move(b, command, actor));
                });
    }

    private Uni<Broadcast> move(Broadcast b, BroadcastCommand command, Actor actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        BroadcastState from = b.state;
        b.state = BroadcastRules.target(command);
        switch (command) {
            case APPROVE -> {
                b.approver = actor.username();
                b.approvedAt = now;
                if (b.scheduledAt == null) {
                    b.scheduledAt = now;
                }
            }
            case START_SENDING -> b.sendingAt = now;
            case FINISH -> b.sentAt = now;
            case RETRY_FAILED -> b.sentAt = null;
            case CANCEL -> b.cancelledAt = now;
            case SUBMIT -> {
            }
        }
        BroadcastActivity line = new BroadcastActivity();
        line.broadcastId = b.id;
        line.at = now;
        line.actor = actor.username();
        line.action = command.name();
        line.fromState = from.name();
        line.toState = b.state.name();
        return line.persist().chain(() -> outbox.append(new BroadcastEvent(b.id, b.townId, b.state, actor.username(), now)))
                .replaceWith(b);
    }

    static Problem problem(Refusal refusal) {
        if (refusal instanceof Refusal.NotNow notNow) {
            return Problem.illegalState(notNow.why(), notNow.state().name(), notNow.allowed().stream().map(Enum::name).toList());
        }
        if (refusal instanceof Refusal.OwnBroadcast) {
            return Problem.of(403, "Approval by its author", refusal.why());
        }
        return Problem.of(403, "Forbidden", refusal.why());
    }
}
