package cn.lianxin.cases;

import cn.lianxin.api.ApiException;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Problem;
import cn.lianxin.events.Outbox;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Carries out commands on cases: the caller must see the case (else 404), may give the command (else 403),
 * and the case's step must accept it (else 409 naming the step and what it accepts). The change, its line in
 * the record and its event commit together; two commands racing on one case end with one winner, because
 * the version column makes the loser's write fail.
 */
@ApplicationScoped
public class CaseLifecycle {

    /**
     * A command with what it carries; which fields matter depends on the command. A reply's {@code attachments} are
     * links to files kept elsewhere, its {@code attachmentIds} files the caller uploaded here ({@link Uploads}).
     */
    public record Order(CaseCommand command, Long representativeId, HandlingClass handlingClass, Feedback feedback, String text,
            List<String> attachments, Long villageId, List<UUID> attachmentIds) {
        public Order(CaseCommand command, Long representativeId, HandlingClass handlingClass, Feedback feedback, String text,
                List<String> attachments, Long villageId) {
            this(command, representativeId, handlingClass, feedback, text, attachments, villageId, List.of());
        }

        public Order(CaseCommand command, Long representativeId, HandlingClass handlingClass, Feedback feedback, String text,
                List<String> attachments) {
            this(command, representativeId, handlingClass, feedback, text, attachments, null);
        }

        public Order(CaseCommand command, Long representativeId, HandlingClass handlingClass, Feedback feedback, String text) {
            this(command, representativeId, handlingClass, feedback, text, List.of());
        }

        public static Order of(CaseCommand command) {
            return new Order(command, null, null, null, null);
        }
    }

    private final Lookups lookups;
    private final Outbox outbox;
    private final Deadlines deadlines;
    private final CaseRegistration registration;

    private final Uploads uploads;

    public CaseLifecycle(Lookups lookups, Outbox outbox, Deadlines deadlines, CaseRegistration registration, Uploads uploads) {
        this.uploads = uploads;
        this.lookups = lookups;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.registration = registration;
    }

    /** The case if the caller may see it; 404 otherwise, so that other workstations' cases do not even exist. */
    public Uni<Case> visible(UUID id, Caller caller) {
        Filters filters = CaseScope.visibleTo(caller).with("id = :id", "id", id);
        return Case.<Case>find(filters.where("id"), filters.parameters()).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("Case " + id));
    }

    @WithTransaction
    public Uni<Case> execute(UUID caseId, Order order, Caller caller) {
        return execute(caseId, order, caller, Channel.CONSOLE);
    }

    /** @param on the channel the command came through: the console, or a resident's own (an SMS rating) */
    @WithTransaction
    public Uni<Case> execute(UUID caseId, Order order, Caller caller, Channel on) {
        return visible(caseId, caller).chain(c -> {
            if (!Permissions.permits(caller, c, order.command())) {
                throw new ApiException(Problem.of(403, "Forbidden", "You may see case " + c.number + " but not "
                        + order.command().label() + " it."));
            }
            if (!Transitions.allows(c.state, order.command())) {
                throw illegal(c, order.command().label() + " is not possible while the case is in " + c.state.label());
            }
            CaseState from = c.state;
            return apply(c, order, caller).chain(detail -> {
                c.state = Transitions.target(from, order.command());
                c.updatedAt = OffsetDateTime.now();
                return record(c, order.command(), from, detail, caller, on);
            }).call(line -> order.command() == CaseCommand.REPLY
                    ? uploads.attachToReply(caller.username(), order.attachmentIds(), c.id, line.id)
                    : Uni.createFrom().voidItem()).replaceWith(c);
        });
    }

    private Uni<String> apply(Case c, Order order, Caller caller) {
        OffsetDateTime now = OffsetDateTime.now();
        return switch (order.command()) {
            case SET_VILLAGE -> setVillage(c, order, now);
            case ASSIGN -> representative(order, caller, c).map(r -> {
                c.representativeId = r.id;
                c.workstationId = r.workstationId;
                deadlines.awaitSignature(c, now);
                return "分派给 " + r.name;
            });
            case SIGN_FOR -> {
                c.signedAt = now;
                yield done("签收");
            }
            case CHOOSE_HANDLING -> {
                c.handlingClass = required(order.handlingClass(), "handlingClass");
                c.awaitingInstruction = c.handlingClass == HandlingClass.ESCALATE_FOR_INSTRUCTION;
                yield deadlines.startHandling(c, now).replaceWith("办理方式：" + c.handlingClass);
            }
            case ADD_NOTE -> done(text(order));
            case ESCALATE -> {
                String request = text(order);
                c.handlingClass = HandlingClass.ESCALATE_FOR_INSTRUCTION;
                c.awaitingInstruction = true;
                // Waiting for an instruction takes time: the clocks restart on the escalation's terms.
                yield deadlines.startHandling(c, now).replaceWith("请示：" + request);
            }
            case RECORD_INSTRUCTION -> {
                if (!c.awaitingInstruction) {
                    throw illegal(c, "No escalation of this case is waiting for an instruction.");
                }
                c.awaitingInstruction = false;
                yield done("批示：" + text(order));
            }
            case TRANSFER -> {
                String reason = text(order);
                yield representative(order, caller, c).map(r -> {
                    if (r.id.equals(c.representativeId)) {
                        throw ApiException.invalidField("representativeId", "is already handling this case");
                    }
                    c.representativeId = r.id;
                    c.workstationId = r.workstationId;
                    deadlines.awaitSignature(c, now);
                    return "转办给 " + r.name + "：" + reason;
                });
            }
            case RETURN_TO_DISPATCH -> {
                String reason = text(order);
                c.representativeId = null;
                deadlines.awaitSignature(c, now);
                yield done("退回分派：" + reason);
            }
            case REPLY -> {
                if (c.awaitingInstruction) {
                    throw illegal(c, "The case waits for the instruction it was escalated for; record it before replying.");
                }
                c.replyText = text(order);
                c.replyAttachments = order.attachments().toArray(String[]::new);
                c.repliedAt = OffsetDateTime.now();
                // The detail is also the text the resident receives, on every channel: an SMS resident learns
                // where uploaded files can be seen (the mini-program, after binding the same phone number).
                int links = order.attachments().size();
                int files = order.attachmentIds().size();
                yield uploads.checkUnused(caller.username(), order.attachmentIds()).replaceWith("回复：" + c.replyText
                        + (links + files == 0 ? "" : "（附件 " + (links + files) + " 个" + (files == 0 ? "" : "，请在连心桥小程序查看") + "）"));
            }
            case RECORD_FEEDBACK -> {
                c.feedback = required(order.feedback(), "feedback");
                c.feedbackComment = order.text() == null || order.text().isBlank() ? null : order.text().strip();
                c.feedbackAttempted = true;
                yield done("评价：" + c.feedback + (c.feedbackComment == null ? "" : "，" + c.feedbackComment));
            }
            case REOPEN -> reopen(c, order).call(() -> deadlines.startHandling(c, now));
            case REVISIT -> {
                c.feedbackAttempted = true;
                yield done("回访：" + text(order));
            }
            case ARCHIVE -> replyDelivered(c).map(delivered -> {
                if (!delivered || !c.feedbackAttempted) {
                    throw illegal(c, "件件有回音: a case is archived only after its reply was delivered to the resident"
                            + " and feedback was asked for (a rating, a revisit, or a delivered feedback prompt).");
                }
                c.archivedAt = OffsetDateTime.now();
                return "归档";
            });
        };
    }

    /** The liaison fills in the village of a case that arrived without one; a case nobody has yet is routed now. */
    private Uni<String> setVillage(Case c, Order order, OffsetDateTime now) {
        return lookups.reference(Village.class, required(order.villageId(), "villageId"), "villageId").chain(village -> {
            c.villageId = village.id;
            if (c.representativeId != null) {
                return done("补登村庄：" + village.name);
            }
            return registration.route(c).invoke(() -> deadlines.awaitSignature(c, now))
                    .map(ignored -> "补登村庄：" + village.name + "；" + String.join("；", c.routingReasons));
        });
    }

    /** 不满意 reopens the case once with its representative; the next time it goes to the group leader. */
    private Uni<String> reopen(Case c, Order order) {
        if (c.feedback != Feedback.UNSATISFIED) {
            throw illegal(c, "Only a case the resident was unsatisfied with is reopened.");
        }
        String reason = text(order);
        Uni<Representative> handler = c.reopenCount == 0
                ? Uni.createFrom().nullItem()
                : Representative.<Representative>find("workstationId = ?1 and groupLeader = true and active = true order by id",
                        c.workstationId).firstResult();
        return handler.map(leader -> {
            if (c.reopenCount > 0) {
                c.representativeId = leader == null ? null : leader.id;
            }
            c.reopenCount++;
            c.feedback = null;
            c.feedbackComment = null;
            c.replyText = null;
            c.replyAttachments = new String[0];
            c.repliedAt = null;
            return (c.reopenCount > 1 ? "再次不满意，转组长办理" + (leader == null ? "（无组长，转分派）" : "：" + leader.name) : "重新办理")
                    + "：" + reason;
        });
    }

    private Uni<Boolean> replyDelivered(Case c) {
        // A delivered feedback prompt also counts as asking for feedback.
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                SELECT count(*) FILTER (WHERE purpose = 'CASE_REPLY'), count(*) FILTER (WHERE purpose = 'FEEDBACK_PROMPT')
                FROM outbound_message WHERE case_id = :id AND status IN ('SENT', 'DELIVERED') AND created_at >= :repliedAt""", Object[].class)
                .setParameter("id", c.id).setParameter("repliedAt", c.repliedAt).getSingleResult())
                .map(counts -> {
                    if (((Number) counts[1]).longValue() > 0) {
                        c.feedbackAttempted = true;
                    }
                    return ((Number) counts[0]).longValue() > 0;
                });
    }

    /** The representative named in the order; liaisons and group leaders choose among their own workstation's. */
    private Uni<Representative> representative(Order order, Caller caller, Case c) {
        Long id = required(order.representativeId(), "representativeId");
        return lookups.reference(Representative.class, id, "representativeId").map(r -> {
            if (!caller.is(StaffRole.TOWN_OFFICE) && !r.workstationId.equals(caller.workstationId())) {
                throw ApiException.invalidField("representativeId", "belongs to another workstation");
            }
            return r;
        });
    }

    private Uni<CaseActivity> record(Case c, CaseCommand command, CaseState from, String detail, Caller caller, Channel on) {
        OffsetDateTime now = c.updatedAt;
        CaseActivity activity = new CaseActivity();
        activity.caseId = c.id;
        activity.at = now;
        activity.actor = caller.username();
        activity.action = command.name();
        activity.channel = on;
        activity.fromState = from;
        activity.toState = c.state;
        activity.detail = detail;
        return activity.persist()
                .chain(() -> outbox.append(new CaseTransitioned(c.id, c.number, command, from, c.state, caller.username(),
                        c.residentId, c.channel, c.representativeId, detail, now)))
                .replaceWith(activity);
    }

    private static ApiException illegal(Case c, String detail) {
        return new ApiException(Problem.illegalState(detail, c.state.name(),
                Transitions.allowedIn(c.state).stream().map(Enum::name).toList()));
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.invalidField(field, "is required for this command");
        }
        return value;
    }

    private static String text(Order order) {
        if (order.text() == null || order.text().isBlank()) {
            throw ApiException.invalidField("text", "is required for this command");
        }
        return order.text().strip();
    }

    private static Uni<String> done(String detail) {
        return Uni.createFrom().item(detail);
    }
}
