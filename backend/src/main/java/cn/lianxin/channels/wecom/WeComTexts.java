package cn.lianxin.channels.wecom;

import cn.lianxin.bookings.Booking;
import cn.lianxin.cases.Case;
import cn.lianxin.api.Problem;
import cn.lianxin.cases.domain.Rejection;
import cn.lianxin.cases.domain.RevisitOutcome;
import cn.lianxin.cases.domain.Transitions;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the app says to a representative: command answers, help, the refusal for strangers, the card outcomes. */
final class WeComTexts {

    static final String HELP = """
            连心桥 · 可用指令：
            回复 编号 答复内容 —— 答复居民，如「回复 0042 路灯已报修，本周五前修好」
            查 编号 —— 查看诉求进展，如「查 0042」
            列表 —— 我的在办诉求
            接待 —— 我的视频接待安排（今天起七天，附会议链接）
            本周走访 —— 本周要走访的联系村
            走访 村名 见了谁 谈了什么；反映：问题一；问题二 —— 记录走访，每个反映的问题登记为由您承办的诉求，如「走访 东村 村支书等5人 了解春耕；反映：桥栏杆断了」
            回访 编号 已落实/未落实/未联系上 居民的话 —— 记录回访，如「回访 0042 已落实 居民说路灯亮了」
            编号可写完整编号（SG-20261127-0042）或末尾几位（0042）。签收、当场办结请点卡片上的按钮。""";

    static final String STRANGER = "您好，您的企业微信账号尚未登记为连心桥党代表，暂不能使用本应用。如有疑问请联系镇人大办。";

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    private WeComTexts() {
    }

    static String replied(Case c) {
        return "已答复 " + c.number + "，居民将通过其反映渠道收到答复，并请其评价。";
    }

    /** Why the lifecycle refused the representative's reply, in their words. */
    static String cannotReply(Case c, Rejection refusal) {
        if (refusal instanceof Rejection.NotPermitted) {
            return c.number + " 不由您承办，不能答复。";
        }
        if (refusal instanceof Rejection.NotNow notNow && notNow.rule().equals(Optional.of(Transitions.Guard.NO_INSTRUCTION_AWAITED))) {
            return c.number + " 正在等待请示批示，收到批示后才能答复居民。";
        }
        return switch (c.state) {
            case REGISTERED -> c.number + " 尚未签收，请先点卡片上的「签收」或「当场办结」。";
            case RECEIVED -> c.number + " 已签收，尚未确定办理方式：小事请点卡片上的「当场办结」，其他请在工作台选择办理方式。";
            default -> c.number + " 当前处于「" + c.state.label() + "」，不能再答复。";
        };
    }

    static String show(Case c, ZoneId townZone) {
        String due = c.replyDueAt != null && c.repliedAt == null ? "；答复期限 " + DUE.format(c.replyDueAt.atZoneSameInstant(townZone))
                : c.signForDueAt != null && c.signedAt == null ? "；签收期限 " + DUE.format(c.signForDueAt.atZoneSameInstant(townZone)) : "";
        return c.number + "（" + c.state.label() + due + "）\n" + excerpt(c.text)
                + (c.replyText == null ? "" : "\n已答复：" + excerpt(c.replyText));
    }

    static String mine(List<Case> open) {
        if (open.isEmpty()) {
            return "您目前没有在办诉求。";
        }
        return "您的在办诉求（" + open.size() + " 件）：\n" + open.stream()
                .map(c -> c.number + "（" + c.state.label() + "）" + excerpt(c.text)).collect(Collectors.joining("\n"));
    }

    /** The representative's booked calls, each with its time, topic and the link they host the meeting by. */
    static String receptions(List<Booking> booked, ZoneId townZone) {
        if (booked.isEmpty()) {
            return "今天起七天内没有群众预约您的视频接待。";
        }
        DateTimeFormatter day = DateTimeFormatter.ofPattern("M月d日 HH:mm");
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
        return "您的视频接待（" + booked.size() + " 场）：\n" + booked.stream()
                .map(b -> day.format(b.startsAt.atZoneSameInstant(townZone)) + "–" + time.format(b.endsAt.atZoneSameInstant(townZone))
                        + " " + excerpt(b.topic) + (b.joinUrl == null ? "（会议准备中）" : "\n会议：" + b.joinUrl))
                .collect(Collectors.joining("\n"));
    }

    static String unknownVillage(String name, List<String> contact) {
        return "没有找到村庄「" + name + "」。" + (contact.isEmpty() ? "您还没有联系村，请联系联络员登记。" : "您的联系村：" + String.join("、", contact) + "。");
    }

    /** Why a visit could not be recorded, in the words of the refusal (a visit already recorded today, a category missing). */
    static String visitRefused(Problem problem) {
        String why = problem.errors() == null || problem.errors().isEmpty() ? problem.detail()
                : problem.errors().stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("；"));
        return "走访未记录：" + why + "。";
    }

    static String cannotRevisit(Case c, Rejection refusal) {
        return refusal instanceof Rejection.NotPermitted ? c.number + " 不由您承办，不能回访。"
                : c.number + " 当前处于「" + c.state.label() + "」，答复居民之后才能回访。";
    }

    static String revisited(Case c) {
        return "已记录 " + c.number + " 的回访（" + c.revisitOutcome.label() + "）"
                + (c.revisitOutcome == RevisitOutcome.NOT_CARRIED_OUT ? "，诉求已转组长重新办理。" : "。");
    }

    static String notFound(String ref) {
        return "没有找到编号为「" + ref + "」的诉求。发送「列表」查看您的在办诉求。";
    }

    static String ambiguous(String ref, List<Case> matches) {
        return "「" + ref + "」对应多件诉求：" + matches.stream().map(c -> c.number).collect(Collectors.joining("、")) + "，请写完整编号。";
    }

    static String needsWorkbench(Case c, String action, String link) {
        return c.number + " 的「" + action + "」需要填写说明，请在工作台办理：" + link;
    }

    /** A command that failed on every attempt; the reason is the system's own, for the office if the member asks. */
    static String failed(String command, String reason) {
        return "您发送的「" + excerpt(command == null ? "" : command) + "」多次尝试仍未能办理，诉求未改变。原因：" + reason
                + "。请稍后重发，或在工作台办理；如仍不行请联系镇人大办。";
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= 40 ? flat : flat.substring(0, flat.offsetByCodePoints(0, 40)) + "…";
    }
}
