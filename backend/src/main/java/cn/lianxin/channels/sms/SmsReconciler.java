package cn.lianxin.channels.sms;

import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.send.SentDetail;
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
 */
@ApplicationScoped
public class SmsReconciler {

    private static final Logger LOG = Logger.getLogger(SmsReconciler.class);
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final AliyunSms aliyun;
    private final PhoneVault vault;
    private final Duration after;
    private final Duration giveUpAfter;
    private final int batchSize;

    public SmsReconciler(AliyunSms aliyun, PhoneVault vault,
            @ConfigProperty(name = "lianxin.sms.reconcile.after") Duration after,
            @ConfigProperty(name = "lianxin.sms.reconcile.give-up-after") Duration giveUpAfter,
            @ConfigProperty(name = "lianxin.sms.reconcile.batch-size") int batchSize) {
        this.aliyun = aliyun;
        this.vault = vault;
        this.after = after;
        this.giveUpAfter = giveUpAfter;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${lianxin.sms.reconcile.interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileUnknown() {
        if (!aliyun.live()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> claim().chain(unknown -> Multi.createFrom().iterable(unknown)
                        .onItem().transformToUniAndConcatenate(this::reconcile).collect().last()))
                .onFailure().invoke(e -> LOG.warnf("Reconciliation round failed, the messages stay unknown: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Uni<List<OutboundMessage>> claim() {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                SELECT * FROM outbound_message WHERE status = 'UNKNOWN' AND channel = 'SMS' AND sent_at <= :before
                ORDER BY sent_at LIMIT :limit FOR UPDATE SKIP LOCKED""", OutboundMessage.class)
                .setParameter("before", OffsetDateTime.now().minus(after)).setParameter("limit", batchSize).getResultList());
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
