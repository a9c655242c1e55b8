package cn.lianxin.channels.miniprogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.lianxin.channels.miniprogram.MiniProgramSettings.Push.Format;
import cn.lianxin.channels.tencent.CallbackCrypto;
import org.junit.jupiter.api.Test;

/** The subscribe-message events as the docs show them, in both formats the console offers. */
class PushMessagesTest {

    @Test
    void shouldReadTheDocumentedXmlSentEvent() {
        WxMaMessage message = PushMessages.parse(Format.XML, """
                <xml>
                    <ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
                    <FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
                    <CreateTime>1610969468</CreateTime>
                    <MsgType><![CDATA[event]]></MsgType>
                    <Event><![CDATA[subscribe_msg_sent_event]]></Event>
                    <SubscribeMsgSentEvent>
                        <List><TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
                            <MsgID>1700827132819554304</MsgID>
                            <ErrorCode>0</ErrorCode>
                            <ErrorStatus><![CDATA[success]]></ErrorStatus>
                        </List>
                    </SubscribeMsgSentEvent>
                </xml>""");

        assertThat(message.getEvent()).isEqualTo(PushMessages.SENT);
        assertThat(message.getSubscribeMsgSentEvent().getList().getMsgId()).isEqualTo("1700827132819554304");
        assertThat(message.getSubscribeMsgSentEvent().getList().getErrorCode()).isEqualTo("0");
    }

    @Test
    void shouldReadTheDocumentedJsonPopupEventWithOneOrSeveralAnswers() {
        WxMaMessage one = PushMessages.parse(Format.JSON, """
                {"ToUserName":"gh_123456789abc","FromUserName":"o7esq5OI1Uej6Xixw1lA2H7XDVbc","CreateTime":"1620973045","MsgType":"event",
                 "Event":"subscribe_msg_popup_event","List":{"TemplateId":"hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vzyvQu7O68",
                 "SubscribeStatusString":"accept","PopupScene":"0"}}""");
        WxMaMessage two = PushMessages.parse(Format.JSON, """
                {"ToUserName":"gh_123456789abc","FromUserName":"o7esq5OI1Uej6Xixw1lA2H7XDVbc","CreateTime":"1620973045","MsgType":"event",
                 "Event":"subscribe_msg_popup_event","List":[{"TemplateId":"a","SubscribeStatusString":"accept","PopupScene":"0"},
                 {"TemplateId":"b","SubscribeStatusString":"reject","PopupScene":"0"}]}""");

        assertThat(one.getSubscribeMsgPopupEvent().getList()).singleElement()
                .satisfies(p -> assertThat(p.getSubscribeStatusString()).isEqualTo("accept"));
        assertThat(two.getSubscribeMsgPopupEvent().getList()).extracting(p -> p.getTemplateId() + "=" + p.getSubscribeStatusString())
                .containsExactly("a=accept", "b=reject");
        assertThat(one.getCreateTime()).isEqualTo(1620973045);
    }

    @Test
    void shouldReadAMediaCheckVerdict() {
        WxMaMessage message = PushMessages.parse(Format.JSON, """
                {"ToUserName":"gh_7bf1f1389686","FromUserName":"or9bw69jaWwJlF-6u0z3qT3KmO2k","CreateTime":1762329554,"MsgType":"event",
                 "Event":"wxa_media_check","appid":"wxb04d1be1ede56d47","trace_id":"690b03d2-301f6111-35ffbd44","version":2,
                 "result":{"suggest":"risky","label":"20002"},"detail":[{"strategy":"content_model","errcode":0,"suggest":"risky","label":"20002","prob":90}]}""");

        assertThat(message.getEvent()).isEqualTo(PushMessages.MEDIA_CHECK);
        assertThat(message.getTraceId()).isEqualTo("690b03d2-301f6111-35ffbd44");
        assertThat(message.getResult().getSuggest()).isEqualTo("risky");
        assertThat(message.getResult().getLabel()).isEqualTo("20002");
    }

    @Test
    void shouldRefuseADtdAndAPushInTheOtherFormat() {
        assertThatThrownBy(() -> PushMessages.parse(Format.XML, """
                <?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><xml><FromUserName>&a;</FromUserName></xml>"""))
                .isInstanceOf(CallbackCrypto.Refused.class).hasMessageContaining("DTD");
        assertThatThrownBy(() -> PushMessages.parse(Format.JSON, "<xml><Event>subscribe_msg_sent_event</Event></xml>"))
                .isInstanceOf(CallbackCrypto.Refused.class);
    }
}
