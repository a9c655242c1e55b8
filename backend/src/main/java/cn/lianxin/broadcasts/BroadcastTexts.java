package cn.lianxin.broadcasts;

import cn.lianxin.sms.segments.Segments;
import cn.lianxin.sms.send.SmsTemplate;
import cn.lianxin.sms.send.SmsTemplates;
import java.math.BigDecimal;
import java.util.Map;

/** What a broadcast's SMS says, how many billed segments it is, and what it will cost. */
public final class BroadcastTexts {

    /** Aliyun caps a notification template's variable; a longer title is cut, the feed carries it whole. */
    static final int TITLE_IN_SMS = 30;
    private static final SmsTemplates TEMPLATES = SmsTemplates.withPlaceholderCodes();

    private BroadcastTexts() {
    }

    /** The template's parameters for this town and title. */
    public static Map<String, String> smsParams(String town, String title) {
        String t = title.strip();
        return Map.of("town", town, "title", t.codePointCount(0, t.length()) <= TITLE_IN_SMS ? t
                : t.substring(0, t.offsetByCodePoints(0, TITLE_IN_SMS - 1)) + "…");
    }

    /** The SMS as the resident reads it, with the signature Aliyun puts in front. */
    public record SmsPreview(String text, int segments, BigDecimal costPerRecipient) {
    }

    public static SmsPreview preview(String signName, String town, String title, BigDecimal pricePerSegment) {
        String text = "【" + signName + "】" + TEMPLATES.render(SmsTemplate.BROADCAST, smsParams(town, title.isBlank() ? "（标题）" : title));
        int segments = Segments.count(text);
        return new SmsPreview(text, segments, pricePerSegment.multiply(BigDecimal.valueOf(segments)));
    }
}
