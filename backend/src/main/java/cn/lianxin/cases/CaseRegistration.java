package cn.lianxin.cases;

import cn.lianxin.api.ApiException;
import cn.lianxin.events.Outbox;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Town;
import cn.lianxin.masterdata.Village;
import cn.lianxin.residents.Resident;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/** 登记: the first of the six steps. The case, its first record line and its event commit together or not at all. */
@ApplicationScoped
public class CaseRegistration {

    /** What registering a case needs, whichever channel it came from. */
    public record RegisterCase(UUID residentId, long villageId, long categoryId, Channel channel, String text) {
    }

    private final Lookups lookups;
    private final CaseNumbers numbers;
    private final Outbox outbox;

    public CaseRegistration(Lookups lookups, CaseNumbers numbers, Outbox outbox) {
        this.lookups = lookups;
        this.numbers = numbers;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Case> register(RegisterCase command, String actor) {
        return Resident.<Resident>findById(command.residentId())
                .onItem().ifNull().failWith(() -> ApiException.invalidField("residentId", "no resident with id " + command.residentId()))
                .chain(() -> lookups.reference(Category.class, command.categoryId(), "categoryId"))
                .chain(() -> lookups.reference(Village.class, command.villageId(), "villageId"))
                .chain(village -> lookups.existing(Town.class, village.townId))
                .chain(town -> numbers.next(town.id, town.code).map(number -> newCase(command, town.id, number, actor)))
                .call(c -> c.persist())
                .call(c -> record(c, actor).persist())
                .call(c -> outbox.append(new CaseRegistered(c.id, c.number, c.residentId, c.villageId, c.categoryId, c.channel,
                        c.registeredAt)));
    }

    private static Case newCase(RegisterCase command, long townId, String number, String actor) {
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
        c.registeredAt = OffsetDateTime.now();
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
        activity.detail = "登记 " + c.number;
        return activity;
    }
}
