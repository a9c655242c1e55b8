package cn.lianxin.sms.send;

import java.util.List;
import java.util.Locale;

/**
 * Every SMS we send, as a template with named parameters. Aliyun only sends text it has approved, so each
 * entry mirrors one approved template: {@link #text()} is what the resident will read (the sandbox and the
 * preview render it), {@link #parameters()} the variables the approval fixed. The template code Aliyun gave
 * each one is configuration, kept in {@link SmsTemplates}.
 */
public enum SmsTemplate {

    /** The acknowledgement right after a resident's first message: they keep the number to ask about it. */
    CASE_REGISTERED("您反映的问题已登记，编号${number}。有答复会短信告诉您，回复“查”可查询办理情况。", "number"),

    /** The representative's answer; long replies are shortened before they get here (segments). */
    CASE_REPLY("您反映的问题（编号${number}）答复如下：${reply}", "number", "reply"),

    /** Sent after the reply; the keyword grammar reads the resident's 1/2/3. */
    FEEDBACK_PROMPT("对编号${number}的办理结果，回复1满意 2基本满意 3不满意。", "number"),

    /** The answer to "查" when one case is open, or to "查 SG-…". */
    STATUS("您反映的问题（编号${number}）目前：${state}。", "number", "state"),

    /** The answer to "查" when several cases are open: each number with its step, "SG-…（处理）；SG-…（登记）". */
    OPEN_CASES("您在办的诉求：${cases}。回复“查 编号”可查询其中一件。", "cases"),

    /** The answer to "查" when nothing is open. */
    NO_OPEN_CASE("您目前没有在办的诉求。如有新的问题，请直接发短信说明。"),

    /** The answer to a rating: the case records it. */
    FEEDBACK_RECORDED("感谢您的评价，编号${number}已记录为“${rating}”。", "number", "rating"),

    /** The answer to 1/2/3 when no reply waits for a rating. */
    NO_FEEDBACK_PENDING("您目前没有待评价的诉求。如有新的问题，请直接发短信说明。"),

    /** The answer to a text within the follow-up window: it went to the open case, not a new one. */
    FOLLOW_UP_NOTED("已将您的补充说明记入编号${number}，党代表会一并办理。", "number"),

    /** The answer to R/T/TD/退订: broadcasts stop, answers about their own cases do not. */
    OPTED_OUT("您已退订政策短信。有问题仍可随时发短信反映。"),

    /**
     * A policy explanation (政策解读) as a notification SMS (通知短信, docs/DECISIONS.md "Broadcast SMS template"):
     * fixed wording around the variables, no 拒收请回复R (only promotional SMS carry it); our own opt-out keywords
     * R/T/TD/退订 are honoured all the same. An answer to it becomes a question about the policy.
     */
    BROADCAST("${town}政策解读：${title}。详情请在连心桥小程序“政策”中查看，有疑问可直接回复本短信。", "town", "title"),

    /**
     * A booked video call a day and half an hour before it (notification SMS, docs/DECISIONS.md "Booking notices"):
     * the resident who gave no subscribe consent is reminded of the time and where to join.
     */
    BOOKING_REMINDER("您预约的党代表视频接待将于${time}开始，请届时打开连心桥小程序“我的预约”进入视频。", "time"),

    /** A booked video call cancelled (by the resident, a liaison or the representative). */
    BOOKING_CANCELLED("您预约的${time}党代表视频接待已取消。如需再约，请在连心桥小程序“预约视频”中选择时段。", "time"),

    /** A booked video call moved to another slot of the same representative. */
    BOOKING_RESCHEDULED("您预约的${time}党代表视频接待已改至${newTime}，请届时打开连心桥小程序“我的预约”进入视频。", "time", "newTime");

    private final String text;
    private final List<String> parameters;

    SmsTemplate(String text, String... parameters) {
        this.text = text;
        this.parameters = List.of(parameters);
    }

    /** The approved wording with {@code ${name}} placeholders, as Aliyun writes them. */
    public String text() {
        return text;
    }

    /** The parameter names, in the order they appear. */
    public List<String> parameters() {
        return parameters;
    }

    /** The name under {@code lianxin.sms.aliyun.template-codes.} that configures its code: case-registered. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The placeholder code used until the approved one is configured, e.g. SMS_LIANXIN_CASE_REGISTERED. */
    String placeholderCode() {
        return "SMS_LIANXIN_" + name();
    }
}
