package cn.lianxin.notifications;

import cn.lianxin.cases.domain.Feedback;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Answers by SMS to what a resident texted in. Each answer is keyed by the incoming message it answers, so a
 * message processed twice is answered once; the texts are in {@link Templates}.
 */
@ApplicationScoped
public class ResidentSms {

    /** A case as a status answer names it: its number and the step it is at (登记, 处理 …). */
    public record CaseStep(String number, String step) {
    }

    private final Wordings wordings;

    public ResidentSms(Wordings wordings) {
        this.wordings = wordings;
    }

    public Uni<Void> feedbackRecorded(UUID incoming, UUID residentId, UUID caseId, String number, Feedback feedback) {
        String rating = switch (feedback) {
            case SATISFIED -> "满意";
            case BASICALLY_SATISFIED -> "基本满意";
            case UNSATISFIED -> "不满意";
        };
        return queue(incoming, residentId, Templates.feedbackRecorded(caseId, number, rating));
    }

    public Uni<Void> noCaseAwaitingFeedback(UUID incoming, UUID residentId) {
        return queue(incoming, residentId, Templates.noCaseAwaitingFeedback());
    }

    public Uni<Void> status(UUID incoming, UUID residentId, List<CaseStep> cases) {
        return queue(incoming, residentId, Templates.status(cases));
    }

    public Uni<Void> optedOut(UUID incoming, UUID residentId) {
        return queue(incoming, residentId, Templates.optedOut());
    }

    public Uni<Void> followUpNoted(UUID incoming, UUID residentId, UUID caseId, String number) {
        return queue(incoming, residentId, Templates.followUpNoted(caseId, number));
    }

    private Uni<Void> queue(UUID incoming, UUID residentId, OutboundMessage answer) {
        OutboundMessage m = wordings.word(answer.toResident(residentId, MessageChannel.SMS));
        m.sourceEventId = incoming;
        return m.persist().replaceWithVoid();
    }
}
