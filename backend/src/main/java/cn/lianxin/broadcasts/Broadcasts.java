package cn.lianxin.broadcasts;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.broadcasts.BroadcastResource.AudienceRequest;
import cn.lianxin.broadcasts.BroadcastResource.BroadcastRequest;
import cn.lianxin.broadcasts.domain.BroadcastCommand;
import cn.lianxin.broadcasts.domain.BroadcastRules.Actor;
import cn.lianxin.broadcasts.domain.BroadcastState;
import cn.lianxin.events.Outbox;
import cn.lianxin.notifications.RepresentativeWeCom;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Writing broadcasts and giving them the office's commands; the rules are {@code BroadcastRules}'. */
@ApplicationScoped
public class Broadcasts {

    private final BroadcastLifecycle lifecycle;
    private final Outbox outbox;
    private final Pool pool;
    private final Clock clock;
    private final RepresentativeWeCom weCom;

    public Broadcasts(BroadcastLifecycle lifecycle, Outbox outbox, Pool pool, Clock clock, RepresentativeWeCom weCom) {
        this.weCom = weCom;
        this.lifecycle = lifecycle;
        this.outbox = outbox;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Broadcast> create(BroadcastRequest r, Caller caller) {
        AudienceRequest a = r.audience();
        boolean all = Boolean.TRUE.equals(a.all());
        Long[] villages = ids(a.villageIds());
        Long[] constituencies = ids(a.constituencyIds());
        if (!all && villages.length == 0 && constituencies.length == 0) {
            throw ApiException.invalidField("audience", "choose the whole town (all), constituencyIds or villageIds");
        }
        return town(all, a.townId(), villages, constituencies, caller).chain(townId -> Panache.withTransaction(() -> {
            Broadcast b = new Broadcast();
            b.id = UUID.randomUUID();
            b.townId = townId;
            b.title = r.title().strip();
            b.summary = r.summary().strip();
            b.body = r.body();
            b.attachmentIds = r.attachmentIds() == null ? new String[0] : r.attachmentIds().toArray(String[]::new);
            b.audienceAll = all;
            b.villageIds = villages;
            b.constituencyIds = constituencies;
            b.categoryIds = ids(a.categoryIds());
            b.channels = r.channels().stream().distinct().sorted().map(Enum::name).toArray(String[]::new);
            b.state = Boolean.TRUE.equals(r.draft()) ? BroadcastState.DRAFT : BroadcastState.AWAITING_APPROVAL;
            b.scheduledAt = r.scheduledAt();
            b.author = caller.username();
            b.createdAt = OffsetDateTime.now(clock);
            return b.<Broadcast>persist().call(saved -> {
                BroadcastActivity line = new BroadcastActivity();
                line.broadcastId = b.id;
                line.at = b.createdAt;
                line.actor = b.author;
                line.action = "CREATE";
                line.toState = b.state.name();
                return line.persist().chain(() -> outbox.append(new BroadcastEvent(b.id, b.townId, b.state, b.author, b.createdAt)));
            });
        }));
    }

    private static Long[] ids(List<Long> ids) {
        return ids == null ? new Long[0] : ids.stream().distinct().toArray(Long[]::new);
    }

    /**
     * The town the broadcast belongs to: the caller's, the one the chosen villages and constituencies lie in, or the
     * only town there is; villages of two towns, or unknown ones, are refused.
     */
    private Uni<Long> town(boolean all, Long requested, Long[] villages, Long[] constituencies, Caller caller) {
        return pool.preparedQuery("""
                        SELECT (SELECT array_agg(DISTINCT town_id) FROM village WHERE id = ANY($1)),
                               (SELECT count(*) FROM village WHERE id = ANY($1)),
                               (SELECT array_agg(DISTINCT town_id) FROM constituency WHERE id = ANY($2)),
                               (SELECT count(*) FROM constituency WHERE id = ANY($2)),
                               (SELECT array_agg(id) FROM town WHERE active)""")
                .execute(Tuple.of(villages, constituencies)).map(rows -> {
                    var row = rows.iterator().next();
                    if (row.getLong(1) != villages.length) {
                        throw ApiException.invalidField("audience.villageIds", "names a village that does not exist");
                    }
                    if (row.getLong(3) != constituencies.length) {
                        throw ApiException.invalidField("audience.constituencyIds", "names a constituency that does not exist");
                    }
                    java.util.Set<Long> towns = new java.util.TreeSet<>();
                    for (int i : new int[] {0, 2}) {
                        Long[] t = row.getArrayOfLongs(i);
                        if (t != null) {
                            towns.addAll(List.of(t));
                        }
                    }
                    if (requested != null) {
                        towns.add(requested);
                    }
                    if (caller.townId() != null) {
                        towns.add(caller.townId());
                    }
                    Long[] active = row.getArrayOfLongs(4);
                    if (towns.isEmpty() && active != null && active.length == 1) {
                        towns.add(active[0]);
                    }
                    if (towns.size() != 1) {
                        throw ApiException.invalidField("audience.townId", towns.isEmpty()
                                ? "name the town (townId): there are several" : "the audience lies in more than one town");
                    }
                    return towns.iterator().next();
                });
    }

    public Uni<Page<Broadcast>> page(PageRequest page) {
        return Panache.withSession(() -> {
            var query = Broadcast.<Broadcast>findAll(Sort.descending("createdAt")).page(page.toPanache());
            return Uni.combine().all().unis(query.list(), query.count()).asTuple()
                    .map(t -> new Page<>(t.getItem1(), page.page, page.size, t.getItem2()));
        });
    }

    public Uni<Broadcast> find(UUID id) {
        return Panache.withSession(() -> Broadcast.<Broadcast>findById(id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("Broadcast " + id));
    }

    public Uni<Broadcast> command(UUID id, BroadcastCommand command, Caller caller) {
        if (command == BroadcastCommand.APPROVE) {
            return Panache.withTransaction(() -> lifecycle.within(id, command, Actor.office(caller.username()), this::toCarriers));
        }
        return lifecycle.execute(id, command, Actor.office(caller.username()));
    }

    /**
     * 代表送政策: at approval, before it goes out, each representative whose contact villages are in the audience
     * gets the policy on WeCom, with the villages they carry it in.
     */
    private Uni<Void> toCarriers(Broadcast b) {
        return pool.preparedQuery("""
                        SELECT p.id, string_agg(v.name, '、' ORDER BY v.name) FROM representative p
                        JOIN representative_contact_village c ON c.representative_id = p.id JOIN village v ON v.id = c.village_id
                        WHERE p.active AND v.town_id = $1 AND ($2 OR v.id = ANY($3) OR v.constituency_id = ANY($4))
                        GROUP BY p.id ORDER BY p.id""")
                .execute(Tuple.of(b.townId, b.audienceAll, b.villageIds, b.constituencyIds))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(row -> weCom.policyToCarry(b.id,
                        row.getLong(0), "【代表送政策】" + b.title + "\n" + b.summary + "\n即将发给" + row.getString(1)
                                + "的居民，请在走访时宣讲；居民对这篇政策的疑问会转给您。")).collect().asList())
                .replaceWithVoid();
    }

    /**
     * The failed, and only those, are tried again: a failed SMS is due again; a failed subscribe message (its consent
     * is spent) hands the resident to their SMS standing by. The broadcast is going out until they are answered.
     */
    public Uni<Broadcast> retryFailed(UUID id, Caller caller) {
        return Panache.withTransaction(() -> lifecycle.within(id, BroadcastCommand.RETRY_FAILED, Actor.office(caller.username()),
                b -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE broadcast_delivery SET status = 'PENDING', batch_id = NULL, sending_at = NULL, next_attempt_at = :now,
                            detail = 'retried after: ' || coalesce(detail, ''), updated_at = :now
                        WHERE broadcast_id = :id AND channel = 'SMS' AND (status = 'FAILED' OR status = 'SKIPPED' AND detail = :standsBy
                            AND EXISTS (SELECT 1 FROM broadcast_delivery f WHERE f.broadcast_id = :id AND f.resident_id = broadcast_delivery.resident_id
                                        AND f.channel = 'SUBSCRIBE' AND f.status = 'FAILED'))""")
                        .setParameter("id", b.id).setParameter("now", OffsetDateTime.now(clock))
                        .setParameter("standsBy", BroadcastDeliveries.STANDS_BY).executeUpdate()).replaceWithVoid()));
    }
}
