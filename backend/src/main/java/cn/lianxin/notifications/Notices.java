package cn.lianxin.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one event calls for: the addressed messages, and why someone who should have been told could not be
 * (kept as the consumer's effect, so that a silent event can be explained).
 */
record Notices(List<OutboundMessage> messages, List<String> unreached) {

    static Notices none() {
        return new Notices(List.of(), List.of());
    }

    static Notices of(List<OutboundMessage> messages) {
        return new Notices(List.copyOf(messages), List.of());
    }

    static Notices of(OutboundMessage message) {
        return of(List.of(message));
    }

    static Notices unreached(String why) {
        return new Notices(List.of(), List.of(why));
    }

    Notices and(Notices other) {
        List<OutboundMessage> allMessages = new ArrayList<>(messages);
        allMessages.addAll(other.messages);
        List<String> allUnreached = new ArrayList<>(unreached);
        allUnreached.addAll(other.unreached);
        return new Notices(List.copyOf(allMessages), List.copyOf(allUnreached));
    }

    /** The line stored in processed_event, e.g. "2 message(s): SMS to RESIDENT, WECOM to REPRESENTATIVE 12". */
    String effect() {
        String sent = messages.size() + " message(s)" + (messages.isEmpty() ? "" : messages.stream()
                .map(m -> m.channel + " to " + m.recipientKind + (m.representativeId == null ? "" : " " + m.representativeId))
                .collect(Collectors.joining(", ", ": ", "")));
        return unreached.isEmpty() ? sent : sent + "; " + String.join("; ", unreached);
    }
}
