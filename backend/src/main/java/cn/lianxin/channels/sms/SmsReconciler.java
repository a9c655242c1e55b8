package cn.lianxin.channels.sms;

import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.send.SentDetail;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Settles SMS whose send had no trustworthy answer (status UNKNOWN). A delivery receipt usually does it first
 * ({@link ReceiptProcessor} matches its OutId); for the rest, once an attempt is {@code lianxin.sms.reconcile.after}
 * old, QuerySendDetails is asked for the OutId on the attempt's Beijing date (and the next one when the call
 * straddled midnight):
 * <ul>
 * <li>found delivered → DELIVERED; found failed → FAILED with the operator's code; found waiting → SENT (its
 * receipt follows);</li>
 * <li>not found while the attempt is younger than {@code lianxin.sms.reconcile.give-up-after} → asked again next
 * round (Aliyun lists a message some time after accepting it);</li>
 * <li>not found after that → Aliyun never took it: sent once more (PENDING); a second unknown that is not found
 * either → FAILED, for a person to look at, rather than a loop of maybe-duplicates;</li>
 * <li>the query itself unanswered → asked again next round.</li>
 * </ul>
 * It runs on the {@link Worker}'s round loop: one message per transaction, each at most once a round. A lookup that
 * fails (the resident's number cannot be read, a bug) is the worker's failed attempt, counted in
 * {@code reconcile_attempts} apart from the sends; after the last one the message ends FAILED with the reason. A
 * message that ends FAILED here falls back as one that failed for good when sent ({@link SmsDispatcher#failedForGood}).
 */
@ApplicationScoped
public class SmsReconciler implements Worker.Items<OutboundMessage> {

    private static final Logger LOG = Logger.getLogger(SmsReconciler.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final AliyunSms aliyun;
    private final PhoneVault vault;
    private final SmsDispatcher sms;
    private final Worker worker;
    private final Duration after;
    private final Duration giveUpAfter;
    private final int batchSize;

    public SmsReconciler(AliyunSms aliyun, PhoneVault vault, SmsDispatcher sms, Worker worker,
            @ConfigProperty(name = "lianxin.sms.reconcile.after") Duration after,
            @ConfigProperty(name = "lianxin.sms.reconcile.give-up-after") Duration giveUpAfter,
            @ConfigProperty(name = "lianxin.sms.reconcile.batch-size") int batchSize) {
        this.aliyun = aliyun;
        this.vault = vault;
        this.sms = sms;
        this.worker = worker;
        this.after = after;
        this.giveUpAfter = giveUpAfter;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${lianxin.sms.reconcile.interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileUnknown() {
        return runOnce().replaceWithVoid();
    }

    /** Up to a batch of unknown outcomes old enough to look up; @return how many were looked up or failed an attempt */
    public Uni<Integer> runOnce() {
        return aliyun.live() ? worker.runOnce(this, batchSize) : Uni.createFrom().item(0);
    }

    @Override
    public String name() {
        return "sms-reconcile";
    }

    /** An UNKNOWN message's next_attempt_at is when it is next looked up: the dispatcher claims no UNKNOWN message. */
    @Override
    public Uni<OutboundMessage> claim(OffsetDateTime round) {
        return Worker.claimOne(OutboundMessage.class, """
                SELECT * FROM outbound_message WHERE status = 'UNKNOWN' AND channel = 'SMS' AND sent_at <= :before
                  AND next_attempt_at <= :round
                ORDER BY next_attempt_at""", Map.of("before", round.minus(after), "round", round));
    }

    @Override
    public Object id(OutboundMessage message) {
        return message.id;
    }

    @Override
    public int attempts(OutboundMessage message) {
        return message.reconcileAttempts;
    }

    @Override
    public Uni<Void> handle(OutboundMessage message) {
        return reconcile(message).chain(() -> {
            if (message.status == OutboundMessage.Status.UNKNOWN) {
                // Asked again next round, not again in this one.
                message.nextAttemptAt = OffsetDateTime.now();
            }
            return message.status == OutboundMessage.Status.FAILED ? sms.failedForGood(message) : Uni.createFrom().voidItem();
        });
    }

    @Override
    public Uni<Void> failed(OutboundMessage claimed, Worker.Attempt attempt) {
        return Panache.withTransaction(() -> OutboundMessage.<OutboundMessage>findById(claimed.id).chain(message -> {
            if (message == null || message.status != OutboundMessage.Status.UNKNOWN) {
                return Uni.createFrom().voidItem();
            }
            message.reconcileAttempts = attempt.number();
            message.nextAttemptAt = attempt.due();
            message.lastError = "looking up the unknown outcome failed: " + attempt.reason();
            if (!attempt.last()) {
                return Uni.createFrom().voidItem();
            }
            message.status = OutboundMessage.Status.FAILED;
            return sms.failedForGood(message);
        }));
    }

    private Uni<Void> reconcile(OutboundMessage message) {
        return Resident.<Resident>findById(message.residentId).chain(resident -> {
            if (resident == null || resident.phoneCipher == null) {
                settle(message, OutboundMessage.Status.FAILED, "outcome unknown, and the resident's number is gone: cannot be looked up");
                return Uni.createFrom().voidItem();
            }
            PhoneNumber to = vault.open(resident.phoneCipher);
            return Multi.createFrom().iterable(sendDates(message.sentAt))
                    .onItem().transformToUniAndConcatenate(date -> aliyun.find(to, date, message.id.toString()))
                    .collect().asList()
                    .invoke(answers -> apply(message, to, answers)).replaceWithVoid();
        });
    }

    /** The attempt's Beijing date, and the next one when Aliyun may have accepted it after midnight. */
    private Set<LocalDate> sendDates(OffsetDateTime attempt) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        dates.add(attempt.atZoneSameInstant(BEIJING).toLocalDate());
        dates.add(attempt.plus(aliyun.longestCall()).atZoneSameInstant(BEIJING).toLocalDate());
        return dates;
    }

    private void apply(OutboundMessage message, PhoneNumber to, List<SentDetail> answers) {
        SentDetail.Found found = answers.stream().filter(SentDetail.Found.class::isInstance).map(SentDetail.Found.class::cast)
                .findFirst().orElse(null);
        if (found != null) {
            switch (found.delivery()) {
                case DELIVERED -> settle(message, OutboundMessage.Status.DELIVERED, null);
                case FAILED -> settle(message, OutboundMessage.Status.FAILED, "query " + found.errCode());
                case WAITING -> settle(message, OutboundMessage.Status.SENT, null);
            }
            LOG.infof("SMS %s to %s with an unknown outcome was found by QuerySendDetails: %s", message.id, to.masked(), message.status);
            return;
        }
        boolean unanswered = answers.stream().anyMatch(SentDetail.Unavailable.class::isInstance);
        if (unanswered || message.sentAt.isAfter(OffsetDateTime.now().minus(giveUpAfter))) {
            return;
        }
        if (message.resentAfterUnknown) {
            settle(message, OutboundMessage.Status.FAILED, "outcome unknown twice and not found at Aliyun; not sent again");
            LOG.warnf("SMS %s to %s: outcome unknown twice, not found; a person must look", message.id, to.masked());
            return;
        }
        message.status = OutboundMessage.Status.PENDING;
        message.resentAfterUnknown = true;
        message.nextAttemptAt = OffsetDateTime.now();
        message.lastError = "not found at Aliyun after an unknown outcome: sent once more";
        LOG.infof("SMS %s to %s: not found at Aliyun after an unknown outcome, sending it once more", message.id, to.masked());
    }

    private static void settle(OutboundMessage message, OutboundMessage.Status status, String error) {
        message.status = status;
        message.lastError = error;
    }
}
