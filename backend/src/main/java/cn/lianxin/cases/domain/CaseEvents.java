package cn.lianxin.cases.domain;

import cn.lianxin.events.EventEnvelope;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The case events' type names — part of the contract with every consumer, so they never change with a class —
 * and the one way to read an envelope back into its event.
 */
public final class CaseEvents {

    public static final String REGISTERED = "case.registered";
    public static final String VILLAGE_SET = "case.village-set";
    public static final String ASSIGNED = "case.assigned";
    public static final String SIGNED_FOR = "case.signed-for";
    public static final String HANDLING_CHOSEN = "case.handling-chosen";
    public static final String NOTE_ADDED = "case.note-added";
    public static final String ESCALATED = "case.escalated";
    public static final String INSTRUCTION_RECORDED = "case.instruction-recorded";
    public static final String TRANSFERRED = "case.transferred";
    public static final String RETURNED_TO_DISPATCH = "case.returned-to-dispatch";
    public static final String REPLIED = "case.replied";
    public static final String FEEDBACK_RECORDED = "case.feedback-recorded";
    public static final String REOPENED = "case.reopened";
    public static final String REVISITED = "case.revisited";
    public static final String ARCHIVED = "case.archived";
    public static final String FOLLOW_UP_RECEIVED = "case.follow-up-received";
    public static final String RESIDENT_MERGED = "case.resident-merged";
    public static final String DEADLINE_APPROACHING = "case.deadline-approaching";
    public static final String DEADLINE_MISSED = "case.deadline-missed";
    public static final String VIDEO_CALL_MISSED = "case.video-call-missed";

    private static final Map<String, Class<? extends CaseEvent>> TYPES = Map.ofEntries(
            Map.entry(REGISTERED, CaseRegistered.class),
            Map.entry(VILLAGE_SET, StepEvent.VillageSet.class),
            Map.entry(ASSIGNED, StepEvent.Assigned.class),
            Map.entry(SIGNED_FOR, StepEvent.SignedFor.class),
            Map.entry(HANDLING_CHOSEN, StepEvent.HandlingChosen.class),
            Map.entry(NOTE_ADDED, StepEvent.NoteAdded.class),
            Map.entry(ESCALATED, StepEvent.Escalated.class),
            Map.entry(INSTRUCTION_RECORDED, StepEvent.InstructionRecorded.class),
            Map.entry(TRANSFERRED, StepEvent.Transferred.class),
            Map.entry(RETURNED_TO_DISPATCH, StepEvent.ReturnedToDispatch.class),
            Map.entry(REPLIED, StepEvent.Replied.class),
            Map.entry(FEEDBACK_RECORDED, StepEvent.FeedbackRecorded.class),
            Map.entry(REOPENED, StepEvent.Reopened.class),
            Map.entry(REVISITED, StepEvent.Revisited.class),
            Map.entry(ARCHIVED, StepEvent.Archived.class),
            Map.entry(FOLLOW_UP_RECEIVED, FollowUpReceived.class),
            Map.entry(RESIDENT_MERGED, ResidentMerged.class),
            Map.entry(DEADLINE_APPROACHING, DeadlineApproaching.class),
            Map.entry(DEADLINE_MISSED, DeadlineMissed.class),
            Map.entry(VIDEO_CALL_MISSED, VideoCallMissed.class));

    private CaseEvents() {
    }

    /** The event the envelope carries; empty for a type this version does not know (a newer producer's). */
    public static Optional<CaseEvent> read(ObjectMapper json, EventEnvelope envelope) throws IOException {
        Class<? extends CaseEvent> type = TYPES.get(envelope.type());
        return type == null ? Optional.empty() : Optional.of(json.treeToValue(envelope.payload(), type));
    }
}
