package cn.lianxin.channels.sms;

import cn.lianxin.notifications.ChannelWording;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.sms.segments.Segments;
import cn.lianxin.sms.send.SmsTemplate;
import cn.lianxin.sms.send.SmsTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes a resident's message an SMS when it is addressed to the SMS channel: its parameters become final (a long
 * reply is shortened to {@code lianxin.sms.max-segments} with a pointer to the rest) and its body becomes the
 * approved template's text as the resident will read it, signature included. The dispatcher then sends exactly
 * these parameters, so the log shows what went out.
 */
@ApplicationScoped
public class SmsTexts implements ChannelWording {

    /** The one parameter written by staff and of any length; every other one is a number, a step or a rating. */
    private static final String REPLY = "reply";
    private static final SmsTemplates CATALOGUE = SmsTemplates.withPlaceholderCodes();

    private final String signature;
    private final int maxSegments;
    private final String pointer;

    public SmsTexts(@ConfigProperty(name = "lianxin.sms.aliyun.sign-name") String signName,
            @ConfigProperty(name = "lianxin.sms.max-segments") int maxSegments,
            @ConfigProperty(name = "lianxin.sms.long-reply-pointer") String pointer) {
        this.signature = "【" + signName + "】";
        this.maxSegments = maxSegments;
        this.pointer = pointer;
    }

    /** The approved template a message is sent as; every resident message's template is named after one. */
    public static SmsTemplate templateOf(OutboundMessage message) {
        return SmsTemplate.valueOf(message.template);
    }

    @Override
    public MessageChannel channel() {
        return MessageChannel.SMS;
    }

    @Override
    public OutboundMessage word(OutboundMessage message) {
        SmsTemplate template = templateOf(message);
        Map<String, String> params = new HashMap<>(message.params);
        String full = signature + CATALOGUE.render(template, params);
        if (params.containsKey(REPLY) && Segments.count(full) > maxSegments) {
            // The reply is the template's last parameter: what Segments keeps of the text beyond the part
            // before it is the shortened reply, pointer included.
            String before = full.substring(0, full.length() - params.get(REPLY).length());
            params.put(REPLY, Segments.fit(full, maxSegments, pointer).substring(before.length()));
            full = signature + CATALOGUE.render(template, params);
        }
        message.params = Map.copyOf(params);
        message.body = full;
        return message;
    }
}
