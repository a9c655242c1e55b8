package cn.lianxin.channels.miniprogram;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.lianxin.channels.miniprogram.MiniProgramSettings.Push.Format;
import cn.lianxin.channels.tencent.CallbackCrypto;
import cn.lianxin.channels.tencent.PlainXml;

/**
 * A push's text as WxJava's {@link WxMaMessage} reads it, in the format chosen in the mini-program console. XML passes
 * the DTD check first; JSON's "List" (an object for one item, an array for more) is evened out by WxJava.
 */
final class PushMessages {

    static final String SENT = "subscribe_msg_sent_event";
    static final String POPUP = "subscribe_msg_popup_event";
    static final String CHANGE = "subscribe_msg_change_event";
    static final String MEDIA_CHECK = "wxa_media_check";

    private PushMessages() {
    }

    static WxMaMessage parse(Format format, String text) {
        WxMaMessage message;
        try {
            message = format == Format.XML ? WxMaMessage.fromXml(PlainXml.requireWithoutDtd(text)) : WxMaMessage.fromJson(text);
        } catch (CallbackCrypto.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CallbackCrypto.Refused("a push that is not " + format);
        }
        if (message == null) {
            throw new CallbackCrypto.Refused("an empty push");
        }
        return message;
    }
}
