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

    static WxCpXmlMessage parse(String plainXml) {
        WxCpXmlMessage message = XStreamTransformer.fromXml(WxCpXmlMessage.class, PlainXml.requireWithoutDtd(plainXml));
        if (message.getFromUserName() == null || message.getMsgType() == null) {
            throw new CallbackCrypto.Refused("a message without FromUserName or MsgType");
        }
        return message;
    }
}
