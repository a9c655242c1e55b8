package cn.lianxin.cases;

import cn.lianxin.cases.domain.CaseRegistered;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.api.ApiException;
import cn.lianxin.events.Outbox;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Town;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.routing.Router;
import cn.lianxin.routing.RoutingDecision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/** 登记: the first of the six steps. The case, its first record line and its event commit together or not at all. */
@ApplicationScoped
public class CaseRegistration {

    /**
     * What registering a case needs, whichever channel it came from. {@code workstationId} is set when staff of a
     * workstation register it: the case is theirs, so the village must be one their workstation covers and routing
     * places it only among their representatives (or in their dispatch queue).
     */
    public record RegisterCase(UUID residentId, Long villageId, long categoryId, Channel channel, String text, Long workstationId) {
        /** A case routed wherever its village leads: the channels' and the town office's. */
        public RegisterCase(UUID residentId, Long villageId, long categoryId, Channel channel, String text) {
            this(residentId, villageId, categoryId, channel, text, null);
        }

        /** Registered by staff: a workstation's staff (a liaison's walk-ins) register for it, the town office anywhere. */
        public static RegisterCase byStaff(Caller caller, UUID residentId, Long villageId, long categoryId, Channel channel, String text) {
            return new RegisterCase(residentId, villageId, categoryId, channel, text,
                    caller.is(StaffRole.TOWN_OFFICE) ? null : caller.workstationId());
        }
    }

    private static final String COVERS =
            "select count(*) from Workstation w join w.villageIds v where w.id = :workstation and v = :village";

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
        return register(command, actor, c -> route(c, command.workstationId()));
    }

    /**
     * A case whose representative was chosen before it was registered — the one a resident booked a video call
     * with, the one who carries a policy in the asker's village (代表送政策), the one a concern was raised with on a
     * visit (谁走访谁负责): placed with them and their workstation, no routing, {@code reason} (said of the
     * representative) kept as the routing reason.
     */
    @WithTransaction
    public Uni<Case> registerWith(RegisterCase command, long representativeId, Function<Representative, String> reason, String actor) {
        return register(command, actor, c -> lookups.reference(Representative.class, representativeId, "representativeId").invoke(r -> {
            c.workstationId = r.workstationId;
            c.representativeId = r.id;
            c.routingReasons = new String[] {reason.apply(r)};
        }).replaceWithVoid());
    }

    private Uni<Case> register(RegisterCase command, String actor, Function<Case, Uni<Void>> place) {
        return Resident.<Resident>findById(command.residentId())
                .onItem().ifNull().failWith(() -> ApiException.invalidField("residentId", "no resident with id " + command.residentId()))
                .chain(() -> lookups.reference(Category.class, command.categoryId(), "categoryId"))
                .chain(() -> townOf(command.villageId()))
                .call(() -> covered(command.workstationId(), command.villageId()))
                .chain(town -> numbers.next(town.id, town.code).map(number -> newCase(command, town.id, number, actor, OffsetDateTime.now(clock))))
                .call(c -> place.apply(c))
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

    /** A workstation's staff register concerns from the villages it covers; the others are another workstation's. */
    private static Uni<Void> covered(Long workstationId, Long villageId) {
        if (workstationId == null) {
            return Uni.createFrom().voidItem();
        }
        if (villageId == null) {
            return Uni.createFrom().failure(ApiException.invalidField("villageId", "must be given"));
        }
        return Panache.getSession().chain(s -> s.createSelectionQuery(COVERS, Long.class).setParameter("workstation", workstationId)
                        .setParameter("village", villageId).getSingleResult())
                .invoke(count -> {
                    if (count == 0) {
                        throw ApiException.invalidField("villageId", "is not a village your workstation covers");
                    }
                }).replaceWithVoid();
    }

    Uni<Void> route(Case c) {
        return route(c, null);
    }

    /**
     * Places the case with a representative, keeping the reasons on the case. What cannot be placed waits in the
     * dispatch queue of the workstation covering the village (or of {@code confinedTo}), or in the town's when none
     * covers it.
     */
    private Uni<Void> route(Case c, Long confinedTo) {
        if (c.villageId == null) {
            c.workstationId = null;
            c.routingReasons = new String[] {VILLAGE_UNKNOWN};
            return Uni.createFrom().voidItem();
        }
        return router.route(c.villageId, c.categoryId, confinedTo).chain(decision -> {
            if (decision instanceof RoutingDecision.Placed placed) {
                c.workstationId = placed.workstationId();
                c.representativeId = placed.representativeId();
                c.routingScore = placed.score();
                c.routingReasons = placed.reasons().toArray(String[]::new);
                return Uni.createFrom().voidItem();
            }
            c.routingReasons = new String[] {((RoutingDecision.Unplaced) decision).reason()};
            if (confinedTo != null) {
                c.workstationId = confinedTo;
                return Uni.createFrom().voidItem();
            }
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
        activity.detail = "登记 " + c.number + "；" + (c.representativeId == null ? "" : c.routingScore == null ? "分派：" : "自动分派，得分 " + c.routingScore + "：")
                + String.join("；", c.routingReasons);
        return activity;
    }
}
