package cn.lianxin.notifications;

/**
 * How a channel words a message addressed to it: an SMS becomes its approved template's text as the resident will
 * read it. Each channel writes its own words; a channel without a wording sends the body as composed.
 */
public interface ChannelWording {

    MessageChannel channel();

    /** The message as it will go out on {@link #channel()}: its final parameters and body. */
    OutboundMessage word(OutboundMessage message);
}
