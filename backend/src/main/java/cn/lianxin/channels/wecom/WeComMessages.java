package cn.lianxin.channels.wecom;

import cn.lianxin.channels.tencent.CallbackCrypto;
import cn.lianxin.channels.tencent.PlainXml;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.util.xml.XStreamTransformer;

/** Decrypted callback XML read by WxJava's own mapping (text messages, template_card_event taps, …). */
final class WeComMessages {

    static final String TEXT = "text";
    static final String EVENT = "event";
    static final String CARD_TAP = "template_card_event";

    private WeComMessages() {
    }

    /** Well-formed XML WxJava cannot map (a CreateTime or MsgId that is not a number, say) is refused like malformed XML. */
    static WxCpXmlMessage parse(String plainXml) {
        String checked = PlainXml.requireWithoutDtd(plainXml);
        WxCpXmlMessage message;
        try {
            message = XStreamTransformer.fromXml(WxCpXmlMessage.class, checked);
        } catch (RuntimeException e) {
            throw new CallbackCrypto.Refused("a message WxJava cannot read");
        }
        if (message.getFromUserName() == null || message.getMsgType() == null) {
            throw new CallbackCrypto.Refused("a message without FromUserName or MsgType");
        }
        return message;
    }
}
