package cn.lianxin.notifications;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** Hands a message addressed to a channel to that channel's {@link ChannelWording}, when it has one. */
@ApplicationScoped
public class Wordings {

    private final Map<MessageChannel, ChannelWording> byChannel = new EnumMap<>(MessageChannel.class);

    public Wordings(Instance<ChannelWording> wordings) {
        wordings.forEach(w -> byChannel.put(w.channel(), w));
    }

    public OutboundMessage word(OutboundMessage message) {
        ChannelWording wording = byChannel.get(message.channel);
        return wording == null ? message : wording.word(message);
    }
}
