package cn.lianxin.channels.wecom;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import me.chanjar.weixin.cp.bean.message.WxCpXmlMessage;
import me.chanjar.weixin.cp.util.xml.XStreamTransformer;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Decrypted callback XML read by WxJava's own mapping (text messages, template_card_event taps, …). */
final class WeComMessages {

    static final String TEXT = "text";
    static final String EVENT = "event";
    static final String CARD_TAP = "template_card_event";

    private WeComMessages() {
    }

    static WxCpXmlMessage parse(String plainXml) {
        requireWellFormedWithoutDtd(plainXml);
        WxCpXmlMessage message = XStreamTransformer.fromXml(WxCpXmlMessage.class, plainXml);
        if (message.getFromUserName() == null || message.getMsgType() == null) {
            throw new WeComCrypto.Refused("a message without FromUserName or MsgType");
        }
        return message;
    }

    /**
     * WeCom never sends a DTD, so one in a message is an attack (entity expansion, external entities) and is refused
     * by a parser that reads no DTD at all, before WxJava's XStream mapping sees the text. Anything that is not
     * well-formed XML is refused here too, instead of failing later as a server error.
     */
    private static void requireWellFormedWithoutDtd(String plainXml) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setXIncludeAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(plainXml)), new DefaultHandler());
        } catch (SAXException | IOException e) {
            throw new WeComCrypto.Refused("a message that is not plain XML (a DTD, or malformed)");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot refuse DTDs", e);
        }
    }
}
