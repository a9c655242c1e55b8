package cn.lianxin.console;

import cn.lianxin.cases.CaseSearch;
import cn.lianxin.cases.Figure;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.notifications.MessageChannel;
import cn.lianxin.notifications.OutboundMessage;
import java.util.Arrays;

/** The Chinese names the case pages show for the case core's enums and the record's actions. */
public final class CaseLabels {

    private CaseLabels() {
    }

    public static String channel(Channel channel) {
        if (channel == null) {
            return "";
        }
        return switch (channel) {
            case MINIPROGRAM -> "小程序";
            case SMS -> "短信";
            case VIDEO -> "视频";
            case WALK_IN -> "来访";
            case PHONE -> "来电";
            case VISIT -> "走访";
            case CONSOLE -> "管理台";
            case WECOM -> "企业微信";
        };
    }

    /** The figures as the dashboard's drill-downs name them. */
    public static String figure(Figure figure) {
        return switch (figure) {
            case SIGNED_FOR -> "已签收";
            case NOT_SIGNED_FOR -> "未签收";
            case REPLIED -> "已回复";
            case NOT_REPLIED -> "未回复";
            case ON_TIME_COUNTED -> "计入按时率";
            case ON_TIME -> "按时";
            case LATE -> "超时";
            case RATED -> "已评价";
            case SATISFIED -> "满意";
            case UNSATISFIED -> "不满意";
        };
    }

    public static String unplaced(CaseSearch.Unplaced unplaced) {
        return switch (unplaced) {
            case WORKSTATION -> "未分配工作室";
            case REPRESENTATIVE -> "未分配代表";
            case VILLAGE -> "未登记村";
        };
    }

    public static String feedback(Feedback feedback) {
        if (feedback == null) {
            return "";
        }
        return switch (feedback) {
            case SATISFIED -> "满意";
            case BASICALLY_SATISFIED -> "基本满意";
            case UNSATISFIED -> "不满意";
        };
    }

    public static String handling(HandlingClass handling) {
        return switch (handling) {
            case ON_THE_SPOT -> "小事当场办";
            case ESCALATE_FOR_INSTRUCTION -> "大事请示办";
            case TIME_LIMITED -> "要事限时办";
        };
    }

    public static String messageChannel(MessageChannel channel) {
        return switch (channel) {
            case SMS -> "短信";
            case MINIPROGRAM -> "小程序";
            case WECOM -> "企业微信";
        };
    }

    public static String delivery(OutboundMessage.Status status) {
        return switch (status) {
            case PENDING -> "待发送";
            case DEFERRED -> "暂缓发送";
            case SENT -> "已发送";
            case DELIVERED -> "已送达";
            case FAILED -> "发送失败";
            case UNKNOWN -> "结果待核实";
        };
    }

    /** A line of the record: a command by its name, the other actions the system writes by theirs. */
    public static String action(String action) {
        return Arrays.stream(CommandKind.values()).filter(k -> k.name().equals(action)).findFirst().map(CommandKind::label)
                .orElseGet(() -> switch (action) {
                    case "REGISTER" -> "登记";
                    case "SUPERVISE" -> "督办";
                    case "FOLLOW_UP" -> "居民追加";
                    case "SMS_DELIVERED" -> "短信已送达";
                    case "SMS_FAILED" -> "短信发送失败";
                    case "MERGE_RESIDENT" -> "合并居民";
                    default -> action;
                });
    }
}
