package cn.lianxin.channels.sms;

import cn.lianxin.rights.Consents;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.masterdata.Category;
import cn.lianxin.notifications.ResidentSms;
import cn.lianxin.residents.Resident;
import cn.lianxin.intake.Residents;
import cn.lianxin.events.Outbox;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.cases.domain.FollowUpReceived;
import cn.lianxin.sms.keywords.KeywordGrammar;
import cn.lianxin.sms.keywords.Reading;
import cn.lianxin.sms.keywords.Reading.FeedbackAnswer;
import cn.lianxin.sms.keywords.Reading.OptOut;
import cn.lianxin.sms.keywords.Reading.StatusQuery;
import cn.lianxin.staff.Caller;
import cn.lianxin.work.WorkQueue;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns stored SMS from residents into what they mean: a rating for the case awaiting one, a status answer, an
 * opt-out, a follow-up to a case they wrote about a moment ago, or a new case. A {@link Worker} queue: each uplink
 * is handled in its own transaction, its answer keyed by the row, so one message that cannot be handled (its
 * default category deactivated, say) is retried and then parked while every other resident's messages go on.
 */
@Singleton
public class UplinkProcessor extends WorkQueue<UplinkProcessor.Uplink> {

    private static final Stored STORED = new Stored("sms-uplink", "sms_uplink", "phone_hash, phone_cipher, phone_masked, content");

    /** A stored uplink, as far as processing needs it. */
    record Uplink(long id, byte[] phoneHash, byte[] phoneCipher, String phoneMasked, String content) {
        /** The key of whatever this message causes, stable across retries. */
        UUID key() {
            return UUID.nameUUIDFromBytes(("sms-uplink-" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final CaseRegistration registration;
    private final CaseLifecycle lifecycle;
    private final ResidentSms answers;
    private final Residents residents;
    private final Outbox outbox;
    private final String defaultCategory;
    private final Duration followUpWindow;
    private final BroadcastAnswers broadcasts;
    private final Duration questionWindow;

    private final Consents consents;

    public UplinkProcessor(Worker worker, CaseRegistration registration, CaseLifecycle lifecycle, ResidentSms answers,
            Residents residents, Outbox outbox, Consents consents, @ConfigProperty(name = "lianxin.sms.default-category") String defaultCategory,
            @ConfigProperty(name = "lianxin.sms.follow-up-window") Duration followUpWindow,
            @ConfigProperty(name = "lianxin.sms.uplink-batch-size") int batchSize, BroadcastAnswers broadcasts,
            @ConfigProperty(name = "lianxin.broadcast.sms-question-window") Duration questionWindow) {
        super(worker, STORED, batchSize);
        this.registration = registration;
        this.lifecycle = lifecycle;
        this.answers = answers;
        this.residents = residents;
        this.outbox = outbox;
        this.consents = consents;
        this.defaultCategory = defaultCategory;
        this.followUpWindow = followUpWindow;
        this.broadcasts = broadcasts;
        this.questionWindow = questionWindow;
    }

    @Scheduled(every = "${lianxin.sms.uplink-interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> processStored() {
        return drain();
    }

    @Override
    protected Uplink item(long id, Object[] row) {
        return new Uplink(id, (byte[]) row[0], (byte[]) row[1], (String) row[2], (String) row[3]);
    }

    @Override
    protected Uni<Void> handle(Uplink up) {
        return residents.byPhone(new PhoneVault.Sealed(up.phoneHash(), up.phoneCipher(), up.phoneMasked()))
                .chain(resident -> act(up, resident, KeywordGrammar.read(up.content()))
                .chain(outcome -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE sms_uplink SET resident_id = :resident, case_id = :case, outcome = :outcome
                        WHERE id = :id""").setParameter("resident", resident.id).setParameter("case", outcome.caseId())
                        .setParameter("outcome", outcome.text()).setParameter("id", up.id()).executeUpdate())))
                .replaceWithVoid();
    }

    record Outcome(String text, UUID caseId) {
    }

    private Uni<Outcome> act(Uplink up, Resident resident, Reading reading) {
        if (reading instanceof FeedbackAnswer answer) {
            return rate(up, resident, Feedback.valueOf(answer.rating().name()));
        }
        if (reading instanceof StatusQuery query) {
            return status(up, resident, query);
        }
        if (reading instanceof OptOut) {
            resident.smsOptedOut = true;
            return consents.record(resident.id, Consents.Kind.SMS_BROADCASTS, "broadcasts", false, "SMS")
                    .chain(() -> answers.optedOut(up.key(), resident.id)).replaceWith(new Outcome("opted out", null));
        }
        return concern(up, resident);
    }

    /** 1/2/3 rate the resident's most recent replied case, as the feedback prompt asked. */
    private Uni<Outcome> rate(Uplink up, Resident resident, Feedback feedback) {
        return Case.<Case>find("residentId = ?1 and state = ?2 order by repliedAt desc", resident.id, CaseState.REPLIED).firstResult()
                .chain(c -> c == null
                        ? answers.noCaseAwaitingFeedback(up.key(), resident.id).replaceWith(new Outcome("no case awaiting feedback", null))
                        : lifecycle.execute(c.id, new CaseCommand.RecordFeedback(feedback, null),
                                        residentActing(up, resident), Channel.SMS)
                                .call(rated -> answers.feedbackRecorded(up.key(), resident.id, rated.id, rated.number, feedback))
                                .map(rated -> new Outcome("feedback " + feedback, rated.id)));
    }

    private Uni<Outcome> status(Uplink up, Resident resident, StatusQuery query) {
        String filter = query.caseNumber().isPresent() ? "residentId = ?1 and number = ?2" : "residentId = ?1 and state <> ?2";
        Object second = query.caseNumber().isPresent() ? query.caseNumber().get() : CaseState.ARCHIVED;
        return Case.<Case>list(filter + " order by registeredAt desc", resident.id, second)
                .chain(cases -> answers.status(up.key(), resident.id,
                        cases.stream().map(c -> new ResidentSms.CaseStep(c.number, c.state.label())).toList())
                        .replaceWith(new Outcome("status of " + cases.size() + " case(s)", null)));
    }

    /**
     * Free text answers what the resident heard from us last: a policy SMS within the question window makes it a
     * question about that policy, unless they wrote about a case of their own since; else a case written about
     * within the follow-up window takes it as a follow-up; else it is a new case (登记). Ratings and keywords were
     * read before any of this, so a digit while a feedback prompt waits is always a rating.
     */
    private Uni<Outcome> concern(Uplink up, Resident resident) {
        OffsetDateTime now = OffsetDateTime.now();
        return Case.<Case>find("residentId = ?1 and channel = ?2 and state <> ?3 and updatedAt >= ?4 order by updatedAt desc",
                        resident.id, Channel.SMS, CaseState.ARCHIVED, now.minus(followUpWindow)).firstResult()
                .chain(open -> broadcasts.latest(resident.id, now.minus(questionWindow)).chain(policy -> {
                    if (policy.isPresent() && (open == null || policy.get().at().isAfter(open.updatedAt))) {
                        return broadcasts.ask(policy.get(), resident.id, resident.villageId, up.content(), residentActing(up, resident).username())
                                .map(caseId -> new Outcome("question about broadcast " + policy.get().broadcastId(), caseId));
                    }
                    return open != null ? followUp(up, resident, open) : newCase(up, resident);
                }));
    }

    /** Written on the case, and announced so that its representative reads it on WeCom. */
    private Uni<Outcome> followUp(Uplink up, Resident resident, Case open) {
        CaseActivity line = new CaseActivity();
        line.caseId = open.id;
        line.at = OffsetDateTime.now();
        String text = up.content().strip();
        line.actor = residentActing(up, resident).username();
        line.action = "FOLLOW_UP";
        line.channel = Channel.SMS;
        line.fromState = open.state;
        line.toState = open.state;
        line.detail = "补充：" + text;
        return line.persist()
                .chain(() -> outbox.append(new FollowUpReceived(open.id, open.number, open.representativeId, Channel.SMS, text, line.at)))
                .chain(() -> answers.followUpNoted(up.key(), resident.id, open.id, open.number))
                .replaceWith(new Outcome("follow-up", open.id));
    }

    private Uni<Outcome> newCase(Uplink up, Resident resident) {
        return Category.<Category>find("code = ?1 and active = true", defaultCategory).firstResult()
                .onItem().ifNull().failWith(() -> new IllegalStateException("the SMS default category '" + defaultCategory + "' does not exist or is deactivated"))
                .chain(category -> registration.register(new CaseRegistration.RegisterCase(resident.id, resident.villageId, category.id,
                        Channel.SMS, up.content()), residentActing(up, resident).username()))
                .map(c -> new Outcome("new case", c.id));
    }

    /** The resident acts through the SMS channel; the record names them by their masked number. */
    private static Caller residentActing(Uplink up, Resident resident) {
        return Caller.resident(resident.id, "短信 " + up.phoneMasked());
    }
}
