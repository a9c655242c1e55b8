package cn.lianxin.console;

import cn.lianxin.sms.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The case list as CSV (RFC 4180) for a spreadsheet: a header row, one row per case, no phone numbers. It starts
 * with a UTF-8 byte order mark, without which Excel reads the Chinese as another encoding.
 */
@ApplicationScoped
public class CaseCsv {

    static final String BOM = "\uFEFF";
    static final List<String> HEADER = List.of("编号", "登记时间", "渠道", "村", "类别", "状态", "工作室", "代表", "下一期限",
            "期限类型", "诉求内容", "回复时间", "评价");
    /** A mainland mobile number a resident typed into their words: masked like every phone number we show. */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

    public String of(List<CaseRows.Row> rows) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, HEADER);
        for (CaseRows.Row r : rows) {
            line(out, List.of(r.number(), r.registeredAt(), r.channel(), r.village(), r.category(), r.stateLabel(), r.workstation(),
                    r.representative(), r.nextDeadline(), r.nextDeadlineKind(), masked(r.text()), r.repliedAt(), r.feedback()));
        }
        return out.toString();
    }

    static String masked(String text) {
        Matcher m = MOBILE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PhoneNumber.of(m.group()).masked()));
        }
        return m.appendTail(out).toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * Quoted when it holds a separator, a quote or a line break; a cell that a spreadsheet would run as a formula
     * (=, +, -, @ first) gets a leading apostrophe, so a resident's words never become one.
     */
    static String field(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
