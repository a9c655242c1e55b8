package cn.lianxin.intake;

import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.domain.ResidentMerged;
import cn.lianxin.events.Outbox;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.residents.Resident;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The one place residents are identified across channels and merged when they turn out to be one person. Runs
 * inside the caller's transaction: a merge commits with whatever caused it (a phone binding), or not at all.
 */
@ApplicationScoped
public class Residents {

    /** Everything else of a resident that moves with them, statement by statement, in this order. */
    private static final List<String> MOVE_THE_REST = List.of(
            "UPDATE upload SET resident_id = :into WHERE resident_id = :from",
            "UPDATE outbound_message SET resident_id = :into WHERE resident_id = :from",
            """
            UPDATE mp_submission SET resident_id = :into WHERE resident_id = :from
            AND idempotency_key NOT IN (SELECT idempotency_key FROM mp_submission WHERE resident_id = :into)""",
            "DELETE FROM mp_submission WHERE resident_id = :from",
            """
            INSERT INTO mp_subscription (resident_id, template_id, remaining, updated_at)
            SELECT :into, template_id, remaining, now() FROM mp_subscription WHERE resident_id = :from
            ON CONFLICT (resident_id, template_id) DO UPDATE SET remaining = mp_subscription.remaining + EXCLUDED.remaining,
            updated_at = now()""",
            "DELETE FROM mp_subscription WHERE resident_id = :from",
            // The openid must leave the old row before it joins the new one (it is unique).
            "UPDATE resident SET openid = NULL, unionid = NULL, merged_into = :into, updated_at = now() WHERE id = :from");

    private final Outbox outbox;
    private final Clock clock;

    public Residents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The resident with this number, or a new one: an SMS resident is known by their number alone. */
    public Uni<Resident> byPhone(PhoneVault.Sealed phone) {
        return Resident.<Resident>find("phoneHash", (Object) phone.hash()).firstResult().chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(found);
            }
            Resident resident = new Resident();
            resident.phoneHash = phone.hash();
            resident.phoneCipher = phone.cipher();
            resident.phoneMasked = phone.masked();
            // Flushed now: native statements that name the resident later in the transaction do not flush the session.
            return resident.persistAndFlush();
        });
    }

    /**
     * Someone a representative met in person (on a visit): the resident with this number when one is given, who
     * keeps their name and village where they have them; else a new resident known by name and village alone, since
     * without a number there is nothing to recognise them by.
     */
    public Uni<Resident> metInPerson(String name, PhoneVault.Sealed phone, long villageId) {
        Uni<Resident> known = phone == null ? Uni.createFrom().nullItem() : byPhone(phone);
        return known.chain(found -> {
            Resident resident = found == null ? new Resident() : found;
            resident.name = resident.name == null ? name : resident.name;
            resident.villageId = resident.villageId == null ? villageId : resident.villageId;
            return found == null ? resident.persistAndFlush() : Uni.createFrom().item(resident);
        });
    }

    /**
     * {@code from} and {@code into} are one person: every case of {@code from} moves to {@code into} as a change of
     * the case (its version moves on, a line on its record, a {@code case.resident-merged} event), then their
     * files, messages, submissions and consents, and {@code from} is left marked as merged. {@code into} takes over
     * {@code from}'s WeChat identity and, where it has none, its village.
     */
    public Uni<Void> merge(Resident from, Resident into, String actor) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String openid = from.openid;
        String unionid = from.unionid;
        Long village = from.villageId;
        return Case.<Case>list("residentId = ?1 order by registeredAt", from.id)
                .chain(cases -> Multi.createFrom().iterable(cases)
                        .onItem().transformToUniAndConcatenate(c -> move(c, from, into, actor, now)).collect().asList())
                .chain(() -> Panache.getSession().chain(s -> s.flush()))
                .chain(() -> moveTheRest(from, into))
                .chain(() -> Panache.getSession().chain(s -> s.refresh(from)))
                .invoke(() -> {
                    into.openid = openid;
                    into.unionid = into.unionid == null ? unionid : into.unionid;
                    into.villageId = into.villageId == null ? village : into.villageId;
                });
    }

    private Uni<Void> move(Case c, Resident from, Resident into, String actor, OffsetDateTime now) {
        c.residentId = into.id;
        c.updatedAt = now;
        CaseActivity line = new CaseActivity();
        line.caseId = c.id;
        line.at = now;
        line.actor = actor;
        line.action = "MERGE_RESIDENT";
        line.channel = c.channel;
        line.fromState = c.state;
        line.toState = c.state;
        line.detail = "居民身份合并：与 " + (into.phoneMasked == null ? "已登记居民" : into.phoneMasked) + " 为同一人，诉求归入其名下";
        return line.persist()
                .chain(() -> outbox.append(new ResidentMerged(c.id, c.number, from.id, into.id, now)))
                .replaceWithVoid();
    }

    private static Uni<Void> moveTheRest(Resident from, Resident into) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : MOVE_THE_REST) {
            chain = chain.chain(() -> Panache.getSession().chain(s -> {
                var query = s.createNativeQuery(sql).setParameter("from", from.id);
                return (sql.contains(":into") ? query.setParameter("into", into.id) : query).executeUpdate();
            })).replaceWithVoid();
        }
        return chain;
    }
}
