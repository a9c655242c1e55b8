package cn.lianxin.cases;

import cn.lianxin.cases.domain.CaseRegistered;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.api.ApiException;
import cn.lianxin.events.Outbox;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Town;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.routing.Router;
import cn.lianxin.routing.RoutingDecision;
import io.quarkus.panache.common.Parameters;
import cn.lianxin.residents.Resident;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** 登记: the first of the six steps. The case, its first record line and its event commit together or not at all. */
@ApplicationScoped
public class CaseRegistration {

    /** What registering a case needs, whichever channel it came from. */
    public record RegisterCase(UUID residentId, Long villageId, long categoryId, Channel channel, String text) {
    }

    static final String VILLAGE_UNKNOWN = "村庄未知，待联络员补登村庄后分派";

    private final Lookups lookups;
    private final CaseNumbers numbers;
    private final Outbox outbox;
    private final Router router;
    private final Deadlines deadlines;
    private final Clock clock;

    public CaseRegistration(Lookups lookups, CaseNumbers numbers, Outbox outbox, Router router, Deadlines deadlines, Clock clock) {
        this.clock = clock;
        this.lookups = lookups;
        this.numbers = numbers;
        this.outbox = outbox;
        this.router = router;
        this.deadlines = deadlines;
    }

    @WithTransaction
    public Uni<Case> register(RegisterCase command, String actor) {
        return Resident.<Resident>findById(command.residentId())
                .onItem().ifNull().failWith(() -> ApiException.invalidField("residentId", "no resident with id " + command.residentId()))
                .chain(() -> lookups.reference(Category.class, command.categoryId(), "categoryId"))
                .chain(() -> townOf(command.villageId()))
                .chain(town -> numbers.next(town.id, town.code).map(number -> newCase(command, town.id, number, actor, OffsetDateTime.now(clock))))
                .call(this::route)
                .invoke(c -> deadlines.awaitSignature(c, c.registeredAt))
                .call(c -> c.persist())
                .call(c -> record(c, actor).persist())
                .call(c -> outbox.append(new CaseRegistered(c.id, c.number, c.residentId, c.villageId, c.categoryId, c.channel,
                        c.workstationId, c.representativeId, c.registeredAt)));
    }

    /**
     * The village's town; a concern whose village is not known yet (texted in by SMS) belongs to the deployment's
     * town — the first active one, as one deployment serves one town.
     */
    private Uni<Town> townOf(Long villageId) {
        if (villageId == null) {
            return Town.<Town>find("active = true order by id").firstResult()
                    .onItem().ifNull().failWith(() -> new IllegalStateException("no active town to register cases in"));
        }
        return lookups.reference(Village.class, villageId, "villageId").chain(village -> lookups.existing(Town.class, village.townId));
    }

    /**
     * Places the case with a representative, keeping the reasons on the case. What cannot be placed waits in the
     * dispatch queue of the workstation covering the village, or in the town's when none covers it.
     */
    Uni<Void> route(Case c) {
        if (c.villageId == null) {
            c.workstationId = null;
            c.routingReasons = new String[] {VILLAGE_UNKNOWN};
            return Uni.createFrom().voidItem();
        }
        return router.route(c.villageId, c.categoryId).chain(decision -> {
            if (decision instanceof RoutingDecision.Placed placed) {
                c.workstationId = placed.workstationId();
                c.representativeId = placed.representativeId();
                c.routingScore = placed.score();
                c.routingReasons = placed.reasons().toArray(String[]::new);
                return Uni.createFrom().voidItem();
            }
            c.routingReasons = new String[] {((RoutingDecision.Unplaced) decision).reason()};
            return Workstation.<Workstation>find(":village member of villageIds and active = true order by id",
                    Parameters.with("village", c.villageId)).firstResult()
                    .invoke(w -> c.workstationId = w == null ? null : w.id).replaceWithVoid();
        });
    }

    private static Case newCase(RegisterCase command, long townId, String number, String actor, OffsetDateTime now) {
        Case c = new Case();
        c.id = UUID.randomUUID();
        c.number = number;
        c.townId = townId;
        c.residentId = command.residentId();
        c.villageId = command.villageId();
        c.categoryId = command.categoryId();
        c.channel = command.channel();
        c.text = command.text().strip();
        c.state = CaseState.REGISTERED;
        c.registeredBy = actor;
        c.registeredAt = now;
        c.updatedAt = c.registeredAt;
        return c;
    }

    private static CaseActivity record(Case c, String actor) {
        CaseActivity activity = new CaseActivity();
        activity.caseId = c.id;
        activity.at = c.registeredAt;
        activity.actor = actor;
        activity.action = "REGISTER";
        activity.channel = c.channel;
        activity.toState = CaseState.REGISTERED;
        activity.detail = "登记 " + c.number + "；" + (c.representativeId == null ? "" : "自动分派，得分 " + c.routingScore + "：")
                + String.join("；", c.routingReasons);
        return activity;
    }
}
