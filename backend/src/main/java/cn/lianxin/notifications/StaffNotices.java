package cn.lianxin.notifications;

import cn.lianxin.cases.domain.CaseRegistered;
import cn.lianxin.cases.domain.CaseStep;
import cn.lianxin.cases.domain.DeadlineApproaching;
import cn.lianxin.cases.domain.DeadlineMissed;
import cn.lianxin.cases.domain.FollowUpReceived;
import cn.lianxin.cases.domain.StepEvent;
import cn.lianxin.cases.domain.VideoCallMissed;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.staff.StaffAccount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The staff side of case events: representatives hear of new and handed-over cases and of deadlines coming up;
 * a missed deadline goes to the workstation's group leaders and the town office (督办). Runs inside the
 * consumer's transaction, so whatever it loads is read in the same session as the claim on the event.
 */
@ApplicationScoped
class StaffNotices {

    // One query for the notice's facts: the case's text with the names of its village and category.
    // Left join: a case texted in by SMS may not know its village yet.
    private static final String SUMMARY = "select c.number, coalesce(v.name, '村庄待补'), k.name, c.text from CaseFile c"
            + " left join Village v on v.id = c.villageId join Category k on k.id = c.categoryId where c.id = :id";
    private static final String GROUP_LEADERS =
            "workstationId = ?1 and groupLeader = true and active = true order by id";

    private final ZoneId townZone;

    StaffNotices(@ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.townZone = townZone;
    }

    /** Routing placed the case: its representative hears of it at once. Unplaced cases wait for the liaison. */
    Uni<Notices> newCase(CaseRegistered registered) {
        if (registered.representativeId() == null) {
            return Uni.createFrom().item(Notices.none());
        }
        return summary(registered.caseId()).map(c -> Notices.of(
                Templates.newCase(registered.caseId(), c).toRepresentative(registered.representativeId())));
    }

    /** The steps that put a case in a representative's hands: assigned, transferred, reopened with someone. */
    static boolean handsOver(StepEvent event) {
        boolean handing = event instanceof StepEvent.Assigned || event instanceof StepEvent.Transferred
                || event instanceof StepEvent.Reopened;
        return handing && event.step().representativeId() != null;
    }

    /** Only for an event {@link #handsOver} says yes to. */
    Uni<Notices> handedOver(StepEvent event) {
        return summary(event.caseId()).map(c -> Notices.of(
                Templates.handedOver(event, c).toRepresentative(event.step().representativeId())));
    }

    /** The resident added to the case (a follow-up SMS): its representative reads what they wrote. */
    Uni<Notices> followUp(FollowUpReceived followUp) {
        return summary(followUp.caseId()).map(c -> Notices.of(
                Templates.followUp(followUp.caseId(), c, followUp.text()).toRepresentative(followUp.representativeId())));
    }

    Uni<Notices> reminder(DeadlineApproaching approaching) {
        if (approaching.representativeId() == null) {
            return Uni.createFrom().item(Notices.unreached("no representative to remind"));
        }
        return Uni.createFrom().item(Notices.of(Templates.reminder(approaching.caseId(), approaching.number(), approaching.kind(),
                local(approaching.dueAt())).toRepresentative(approaching.representativeId())));
    }

    /** 督办: every active group leader of the case's workstation, and the town office in any case. */
    Uni<Notices> supervision(DeadlineMissed missed) {
        UUID caseId = missed.caseId();
        return toSupervisors(missed.workstationId(), missed.representativeId(), (workstation, handler) -> {
            Templates.Overdue overdue = new Templates.Overdue(missed.number(), missed.kind(), local(missed.dueAt()), workstation, handler);
            return new Supervised(leader -> Templates.supervisionForLeader(caseId, leader, overdue), Templates.supervisionForTownOffice(caseId, overdue));
        });
    }

    /** 督办 of a video call the booked representative missed: the same supervisors as a missed deadline. */
    Uni<Notices> videoCallMissed(VideoCallMissed missed) {
        UUID caseId = missed.caseId();
        return toSupervisors(missed.workstationId(), missed.representativeId(), (workstation, handler) -> {
            Templates.MissedCall call = new Templates.MissedCall(missed.number(), local(missed.startsAt()), workstation, handler);
            return new Supervised(leader -> Templates.missedCallForLeader(caseId, leader, call), Templates.missedCallForTownOffice(caseId, call));
        });
    }

    /** What supervisors are told: one message per group leader (by id), one for the town office. */
    private record Supervised(LongFunction<OutboundMessage> forLeader, OutboundMessage forTownOffice) {
    }

    /** The workstation's active group leaders and the town office, worded with the workstation's and the handler's names. */
    private Uni<Notices> toSupervisors(Long workstationId, Long representativeId, BiFunction<String, String, Supervised> word) {
        return find(Workstation.class, workstationId).chain(workstation -> find(Representative.class, representativeId)
                .chain(handler -> groupLeaders(workstationId).map(leaders -> {
                    Supervised supervised = word.apply(workstation == null ? null : workstation.name, handler == null ? null : handler.name);
                    List<OutboundMessage> messages = new ArrayList<>();
                    leaders.forEach(leader -> messages.add(supervised.forLeader().apply(leader.id).toRepresentative(leader.id)));
                    messages.add(supervised.forTownOffice().toTownOffice());
                    Notices notices = Notices.of(messages);
                    return leaders.isEmpty() ? notices.and(Notices.unreached("no active group leader to supervise")) : notices;
                })));
    }

    /**
     * 请示: the case's workstation's active group leaders and the town office hear which case, who asked and what, from
     * whichever channel it was escalated (API, console, WeCom). The town office is told even without a group leader.
     */
    Uni<Notices> escalation(StepEvent.Escalated escalated) {
        UUID caseId = escalated.caseId();
        CaseStep step = escalated.step();
        return summary(caseId).chain(c -> askedBy(step.actor()).chain(who -> groupLeaders(step.workstationId()).map(leaders -> {
            Templates.Escalation escalation = new Templates.Escalation(c, who, escalated.request());
            List<OutboundMessage> messages = new ArrayList<>();
            leaders.forEach(leader -> messages.add(Templates.escalationForLeader(caseId, leader.id, escalation).toRepresentative(leader.id)));
            messages.add(Templates.escalationForTownOffice(caseId, escalation).toTownOffice());
            Notices notices = Notices.of(messages);
            return leaders.isEmpty() ? notices.and(Notices.unreached("no active group leader to ask")) : notices;
        })));
    }

    /** Who gave a command, as colleagues know them: the representative's name, else the account's name, else the login. */
    private static Uni<String> askedBy(String username) {
        return StaffAccount.<StaffAccount>find("username", username).firstResult().chain(account -> {
            if (account == null) {
                return Uni.createFrom().item(username);
            }
            String named = account.displayName == null || account.displayName.isBlank() ? username : account.displayName;
            return find(Representative.class, account.representativeId).map(r -> r == null ? named : r.name);
        });
    }

    private Uni<Templates.CaseSummary> summary(UUID caseId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(SUMMARY, Object[].class).setParameter("id", caseId).getSingleResult())
                .map(row -> new Templates.CaseSummary((String) row[0], (String) row[1], (String) row[2], (String) row[3]));
    }

    private static Uni<List<Representative>> groupLeaders(Long workstationId) {
        return workstationId == null ? Uni.createFrom().item(List.<Representative>of())
                : Representative.<Representative>list(GROUP_LEADERS, workstationId);
    }

    /** By id, or nothing when the event names none (an unplaced case has no workstation or representative). */
    private static <E> Uni<E> find(Class<E> type, Long id) {
        return id == null ? Uni.createFrom().nullItem() : Panache.getSession().chain(s -> s.find(type, id));
    }

    private ZonedDateTime local(OffsetDateTime at) {
        return at.atZoneSameInstant(townZone);
    }
}
