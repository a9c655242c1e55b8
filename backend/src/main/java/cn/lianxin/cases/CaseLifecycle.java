package cn.lianxin.cases;

import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.cases.domain.Rejection;
import cn.lianxin.cases.domain.CaseRejected;
import cn.lianxin.cases.domain.StepEvent;
import cn.lianxin.cases.domain.CaseStep;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.cases.domain.RevisitOutcome;
import cn.lianxin.api.Filters;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.cases.domain.CaseCommand.AddNote;
import cn.lianxin.cases.domain.CaseCommand.Assign;
import cn.lianxin.cases.domain.CaseCommand.ChooseHandling;
import cn.lianxin.cases.domain.CaseCommand.Escalate;
import cn.lianxin.cases.domain.CaseCommand.RecordFeedback;
import cn.lianxin.cases.domain.CaseCommand.RecordInstruction;
import cn.lianxin.cases.domain.CaseCommand.Reopen;
import cn.lianxin.cases.domain.CaseCommand.Reply;
import cn.lianxin.cases.domain.CaseCommand.ReturnToDispatch;
import cn.lianxin.cases.domain.CaseCommand.Revisit;
import cn.lianxin.cases.domain.CaseCommand.SetVillage;
import cn.lianxin.cases.domain.CaseCommand.SignFor;
import cn.lianxin.cases.domain.CaseCommand.Transfer;
import cn.lianxin.events.Outbox;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;

/**
 * Carries out commands on cases. {@link Transitions#refusal} decides whether the caller may give the command to
 * the case now; each command then has one small handler that changes the case and says what happened: the
 * event for the outbox and the line for the case's record, committed together with the change. Two commands
 * racing on one case end with one winner, because the version column makes the loser's write fail.
 */
@ApplicationScoped
public class CaseLifecycle {

    /** What a handler did: the record's line, and the event it makes of the step once the case has moved. */
    private record Done(String line, Function<CaseStep, StepEvent> event) {
    }

    private final Lookups lookups;
    private final Outbox outbox;
    private final Deadlines deadlines;
    private final CaseRegistration registration;
    private final Uploads uploads;
    private final Clock clock;

    private final ReadAudit audit;

    public CaseLifecycle(Lookups lookups, Outbox outbox, Deadlines deadlines, CaseRegistration registration, Uploads uploads,
            Clock clock, ReadAudit audit) {
        this.audit = audit;
        this.lookups = lookups;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.registration = registration;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** The case if the caller may see it; otherwise it does not exist for them. */
    public Uni<Case> visible(UUID id, Caller caller) {
        Filters filters = CaseScope.visibleTo(caller).with("id = :id", "id", id);
        return Case.<Case>find(filters.where("id"), filters.parameters()).firstResult()
                .onItem().ifNull().failWith(() -> new CaseRejected(new Rejection.Unseen(id)));
    }

    /** The case for showing to the caller (its text, its record, its files), the reading recorded in the read audit. */
    public Uni<Case> read(UUID id, Caller caller, ReadAudit.Action action) {
        return visible(id, caller).call(c -> audit.record(caller, action, c.audited()));
    }

    /** @param on the channel the command came through: the console, WeCom, or a resident's own (an SMS rating) */
    @WithTransaction
    public Uni<Case> execute(UUID caseId, CaseCommand command, Caller caller, Channel on) {
        return visible(caseId, caller).chain(c -> {
            Transitions.refusal(caller, c, command.kind()).ifPresent(rejection -> {
                throw new CaseRejected(rejection);
            });
            CaseState from = c.state;
            OffsetDateTime now = OffsetDateTime.now(clock);
            return handle(c, command, caller, now).chain(done -> {
                c.state = Transitions.target(from, command);
                c.updatedAt = now;
                StepEvent event = done.event().apply(new CaseStep(c.id, c.number, from, c.state, caller.username(), on,
                        c.residentId, c.channel, c.workstationId, c.representativeId, now));
                return record(c, command.kind(), from, done.line(), caller, on).call(() -> outbox.append(event))
                        .call(line -> command instanceof Reply reply
                                ? uploads.attachToReply(caller.username(), reply.attachmentIds(), c.id, line.id)
                                : Uni.createFrom().voidItem());
            }).replaceWith(c);
        });
    }

    // Java 17 has no pattern switch: one branch per record of the sealed family, in the order of the six steps.
    private Uni<Done> handle(Case c, CaseCommand command, Caller caller, OffsetDateTime now) {
        if (command instanceof SetVillage setVillage) {
            return setVillage(c, setVillage, now);
        }
        if (command instanceof Assign assign) {
            return representative(assign.representativeId(), caller).map(r -> {
                c.representativeId = r.id;
                c.workstationId = r.workstationId;
                deadlines.awaitSignature(c, now);
                return new Done("分派给 " + r.name, step -> new StepEvent.Assigned(step, r.id));
            });
        }
        if (command instanceof SignFor) {
            c.signedAt = now;
            return done("签收", StepEvent.SignedFor::new);
        }
        if (command instanceof ChooseHandling choose) {
            c.handlingClass = choose.handlingClass();
            c.awaitingInstruction = c.handlingClass == HandlingClass.ESCALATE_FOR_INSTRUCTION;
            return deadlines.startHandling(c, now).replaceWith(new Done("办理方式：" + c.handlingClass,
                    step -> new StepEvent.HandlingChosen(step, choose.handlingClass())));
        }
        if (command instanceof AddNote note) {
            return done(note.text(), step -> new StepEvent.NoteAdded(step, note.text()));
        }
        if (command instanceof Escalate escalate) {
            c.handlingClass = HandlingClass.ESCALATE_FOR_INSTRUCTION;
            c.awaitingInstruction = true;
            // Waiting for an instruction takes time: the clocks restart on the escalation's terms.
            return deadlines.startHandling(c, now).replaceWith(new Done("请示：" + escalate.request(),
                    step -> new StepEvent.Escalated(step, escalate.request())));
        }
        if (command instanceof RecordInstruction instruction) {
            c.awaitingInstruction = false;
            return done("批示：" + instruction.instruction(), step -> new StepEvent.InstructionRecorded(step, instruction.instruction()));
        }
        if (command instanceof Transfer transfer) {
            return transfer(c, transfer, caller, now);
        }
        if (command instanceof ReturnToDispatch back) {
            Long previous = c.representativeId;
            c.representativeId = null;
            deadlines.awaitSignature(c, now);
            return done("退回分派：" + back.reason(), step -> new StepEvent.ReturnedToDispatch(step, previous, back.reason()));
        }
        if (command instanceof Reply reply) {
            return reply(c, reply, caller, now);
        }
        if (command instanceof RecordFeedback feedback) {
            c.feedback = feedback.feedback();
            c.feedbackComment = feedback.comment();
            c.feedbackAttempted = true;
            return done("评价：" + c.feedback + (c.feedbackComment == null ? "" : "，" + c.feedbackComment),
                    step -> new StepEvent.FeedbackRecorded(step, feedback.feedback(), feedback.comment()));
        }
        if (command instanceof Reopen reopen) {
            return reopen(c, reopen).call(() -> deadlines.startHandling(c, now));
        }
        if (command instanceof Revisit revisit) {
            return revisit(c, revisit, now);
        }
        c.archivedAt = now;
        return done("归档", StepEvent.Archived::new);
    }

    private Uni<Done> transfer(Case c, Transfer transfer, Caller caller, OffsetDateTime now) {
        return representative(transfer.toRepresentativeId(), caller).map(r -> {
            if (r.id.equals(c.representativeId)) {
                throw new CaseRejected(new Rejection.Invalid("representativeId", "is already handling this case"));
            }
            Long previous = c.representativeId;
            c.representativeId = r.id;
            c.workstationId = r.workstationId;
            deadlines.awaitSignature(c, now);
            return new Done("转办给 " + r.name + "：" + transfer.reason(),
                    step -> new StepEvent.Transferred(step, previous, r.id, transfer.reason()));
        });
    }

    /** The liaison fills in the village of a case that arrived without one; a case nobody has yet is routed now. */
    private Uni<Done> setVillage(Case c, SetVillage command, OffsetDateTime now) {
        return lookups.reference(Village.class, command.villageId(), "villageId").chain(village -> {
            c.villageId = village.id;
            if (c.representativeId != null) {
                return done("补登村庄：" + village.name, step -> new StepEvent.VillageSet(step, village.id, false));
            }
            return registration.route(c).invoke(() -> deadlines.awaitSignature(c, now))
                    .map(ignored -> new Done("补登村庄：" + village.name + "；" + String.join("；", c.routingReasons),
                            step -> new StepEvent.VillageSet(step, village.id, true)));
        });
    }

    private Uni<Done> reply(Case c, Reply reply, Caller caller, OffsetDateTime now) {
        c.replyText = reply.text();
        c.replyAttachments = reply.links().toArray(String[]::new);
        c.repliedAt = now;
        c.replyDelivered = false;
        int links = reply.links().size();
        int files = reply.attachmentIds().size();
        String line = "回复：" + reply.text() + (links + files == 0 ? ""
                : "（附件 " + (links + files) + " 个" + (files == 0 ? "" : "，请在连心桥小程序查看") + "）");
        return uploads.checkUnused(caller.username(), reply.attachmentIds())
                .replaceWith(new Done(line, step -> new StepEvent.Replied(step, reply.text(), reply.links(), reply.attachmentIds())));
    }

    /** 不满意 reopens the case once with its representative; the next time it goes to the group leader. */
    private Uni<Done> reopen(Case c, Reopen reopen) {
        boolean toLeader = c.reopenCount > 0;
        Uni<Representative> handler = !toLeader ? Uni.createFrom().nullItem() : groupLeader(c);
        return handler.map(leader -> {
            if (toLeader) {
                c.representativeId = leader == null ? null : leader.id;
            }
            c.reopenCount++;
            backInHand(c);
            String line = (toLeader ? "再次不满意，转组长办理" + (leader == null ? "（无组长，转分派）" : "：" + leader.name) : "重新办理")
                    + "：" + reopen.reason();
            return new Done(line, step -> new StepEvent.Reopened(step, reopen.reason(), c.reopenCount, toLeader));
        });
    }

    /**
     * 回访 and what it found; a matter not carried out (事事有落实) goes back in hand with the group leader, archived or
     * not, and its clocks start again.
     */
    private Uni<Done> revisit(Case c, Revisit revisit, OffsetDateTime now) {
        c.feedbackAttempted = true;
        c.revisitOutcome = revisit.outcome();
        c.revisitedAt = now;
        String line = "回访（" + revisit.outcome().label() + "）：" + revisit.note();
        if (revisit.outcome() != RevisitOutcome.NOT_CARRIED_OUT) {
            return done(line, step -> new StepEvent.Revisited(step, revisit.outcome(), revisit.note(), false));
        }
        return groupLeader(c).chain(leader -> {
            c.representativeId = leader == null ? null : leader.id;
            c.archivedAt = null;
            backInHand(c);
            return deadlines.startHandling(c, now).replaceWith(new Done(
                    line + "；转组长办理" + (leader == null ? "（无组长，转分派）" : "：" + leader.name),
                    step -> new StepEvent.Revisited(step, revisit.outcome(), revisit.note(), true)));
        });
    }

    /** The case is to be handled again: the reply and the verdict on it no longer stand. */
    private static void backInHand(Case c) {
        c.feedback = null;
        c.feedbackComment = null;
        c.replyText = null;
        c.replyAttachments = new String[0];
        c.repliedAt = null;
        c.replyDelivered = false;
    }

    private static Uni<Representative> groupLeader(Case c) {
        return Representative.<Representative>find("workstationId = ?1 and groupLeader = true and active = true order by id",
                c.workstationId).firstResult();
    }

    /** The representative named in the command; liaisons and group leaders choose among their own workstation's. */
    private Uni<Representative> representative(long id, Caller caller) {
        return lookups.reference(Representative.class, id, "representativeId").map(r -> {
            if (!caller.is(StaffRole.TOWN_OFFICE) && !r.workstationId.equals(caller.workstationId())) {
                throw new CaseRejected(new Rejection.Invalid("representativeId", "belongs to another workstation"));
            }
            return r;
        });
    }

    private Uni<CaseActivity> record(Case c, CommandKind kind, CaseState from, String detail, Caller caller, Channel on) {
        CaseActivity activity = new CaseActivity();
        activity.caseId = c.id;
        activity.at = c.updatedAt;
        activity.actor = caller.username();
        activity.action = kind.name();
        activity.channel = on;
        activity.fromState = from;
        activity.toState = c.state;
        activity.detail = detail;
        return activity.persist();
    }

    private static Uni<Done> done(String line, Function<CaseStep, StepEvent> event) {
        return Uni.createFrom().item(new Done(line, event));
    }
}
