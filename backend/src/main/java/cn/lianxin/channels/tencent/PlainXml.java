package cn.lianxin.channels.tencent;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The one XML check every Tencent callback passes before WxJava's XStream mapping sees the text. */
public final class PlainXml {

    private PlainXml() {
    }

    /**
     * WeCom and WeChat never send a DTD, so one in a message is an attack (entity expansion, external entities) and is
     * refused by a parser that reads no DTD at all. Anything that is not well-formed XML is refused here too, instead
     * of failing later as a server error.
     */
    public static String requireWithoutDtd(String xml) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setXIncludeAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
            return xml;
        } catch (SAXException | IOException e) {
            throw new CallbackCrypto.Refused("a message that is not plain XML (a DTD, or malformed)");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot refuse DTDs", e);
        }
    }
}
