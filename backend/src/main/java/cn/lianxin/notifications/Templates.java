package cn.lianxin.notifications;

import cn.lianxin.cases.domain.StepEvent;
import cn.lianxin.cases.domain.DeadlineKind;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import cn.lianxin.sms.send.SmsTemplate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every text we send, to residents and to staff, in one place and in Chinese. Purposes double as the idempotency
 * key per event (unique with the event id), so an event with several recipients gives each its own purpose.
 * Staff texts stay well under WeCom's limits (2048 bytes for a text message, 512 for a card's description).
 */
final class Templates {

    static final String CASE_REGISTERED = "CASE_REGISTERED_ACK";
    static final String CASE_REPLY = "CASE_REPLY";
    static final String FEEDBACK_PROMPT = "FEEDBACK_PROMPT";
    static final String REP_NEW_CASE = "REP_NEW_CASE";
    static final String REP_ASSIGNED = "REP_ASSIGNED";
    static final String REP_FOLLOW_UP = "REP_FOLLOW_UP";
    static final String SUPERVISION_TOWN_OFFICE = "SUPERVISION_TOWN_OFFICE";
    static final String ESCALATION = "ESCALATION";
    static final String ESCALATION_TOWN_OFFICE = "ESCALATION_TOWN_OFFICE";
    static final String SMS_ANSWER = "SMS_ANSWER";

    /** How much of the resident's own words a representative sees in a notice; the rest is in the case. */
    private static final int EXCERPT_LENGTH = 60;
    /**
     * How much of an escalation's question a notice carries: the whole of most, and at most ~1,500 bytes with the rest
     * of the text, within WeCom's 2,048 for a text message; the rest is on the case's record.
     */
    private static final int REQUEST_LENGTH = 400;
    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("M月d日 HH:mm");

    /** What a representative needs to see of a case at a glance: where, about what, in the resident's words. */
    record CaseSummary(String number, String village, String category, String text) {
    }

    /** A missed deadline as supervisors read it; the due time is already in the town's zone. */
    record Overdue(String number, DeadlineKind kind, ZonedDateTime dueAt, String workstation, String representative) {
    }

    private Templates() {
    }

    static OutboundMessage registered(UUID caseId, String number) {
        return message(caseId, CASE_REGISTERED, "CASE_REGISTERED",
                "【连心桥】您反映的问题已登记，编号 " + number + "。党代表会尽快办理并答复您。", Map.of("number", number));
    }

    /**
     * The reply, then the satisfaction prompt that the resident answers with a digit. Files travel as a note of how
     * many there are: an SMS resident learns that uploaded files can be seen in the mini-program (after binding
     * the same phone number).
     */
    static List<OutboundMessage> replied(StepEvent.Replied reply) {
        UUID caseId = reply.caseId();
        String number = reply.step().number();
        int links = reply.links().size();
        int files = reply.attachmentIds().size();
        String answer = reply.text() + (links + files == 0 ? ""
                : "（附件 " + (links + files) + " 个" + (files == 0 ? "" : "，请在连心桥小程序查看") + "）");
        return List.of(
                message(caseId, CASE_REPLY, "CASE_REPLY", "【连心桥】您反映的问题（编号 " + number + "）答复如下：" + answer,
                        Map.of("number", number, "reply", answer)),
                message(caseId, FEEDBACK_PROMPT, "FEEDBACK_PROMPT",
                        "【连心桥】请对编号 " + number + " 的办理结果评价：回复1满意，2基本满意，3不满意。", Map.of("number", number)));
    }

    /** Routing placed a new case with the representative. */
    static OutboundMessage newCase(UUID caseId, CaseSummary c) {
        return message(caseId, REP_NEW_CASE, "REP_NEW_CASE",
                "【连心桥】新诉求 " + c.number() + about(c) + "：“" + excerpt(c.text()) + "”。请及时签收。");
    }

    /** A step put the case in the representative's hands: assigned, transferred, or reopened with them. */
    static OutboundMessage handedOver(StepEvent event, CaseSummary c) {
        boolean reopened = event instanceof StepEvent.Reopened;
        String what = reopened ? "居民不满意，已重新交您办理" : event instanceof StepEvent.Transferred ? "已转办给您" : "已分派给您";
        String next = reopened ? "请尽快处理并再次答复。" : "请及时签收。";
        String template = reopened ? "REP_REOPEN" : event instanceof StepEvent.Transferred ? "REP_TRANSFER" : "REP_ASSIGN";
        return message(event.caseId(), REP_ASSIGNED, template,
                "【连心桥】诉求 " + c.number() + about(c) + what + "：“" + excerpt(c.text()) + "”。" + next);
    }

    /** The resident wrote again about an open case; the representative reads it without opening the case. */
    static OutboundMessage followUp(UUID caseId, CaseSummary c, String text) {
        return message(caseId, REP_FOLLOW_UP, REP_FOLLOW_UP, "【连心桥】诉求 " + c.number() + about(c) + "居民补充：“" + excerpt(text) + "”。");
    }

    static OutboundMessage reminder(UUID caseId, String number, DeadlineKind kind, ZonedDateTime dueAt) {
        return message(caseId, "REP_REMINDER_" + kind.name(), "REP_REMINDER",
                "【连心桥】" + number + " 的" + kind.label() + "期限 " + DUE.format(dueAt) + " 到期，请及时办理。");
    }

    /** 督办 to one group leader of the case's workstation; each leader has a purpose of their own. */
    static OutboundMessage supervisionForLeader(UUID caseId, long leaderId, Overdue o) {
        return message(caseId, "SUPERVISION_LEADER_" + leaderId, "SUPERVISION", supervision(o) + "请督促办理。");
    }

    static OutboundMessage supervisionForTownOffice(UUID caseId, Overdue o) {
        return message(caseId, SUPERVISION_TOWN_OFFICE, "SUPERVISION", supervision(o) + "请督办。");
    }

    /** A video call the booked representative missed, as supervisors read it; the start is in the town's zone. */
    record MissedCall(String number, ZonedDateTime startsAt, String workstation, String representative) {
    }

    static OutboundMessage missedCallForLeader(UUID caseId, long leaderId, MissedCall m) {
        return message(caseId, "MISSED_CALL_LEADER_" + leaderId, "SUPERVISION", missedCall(m) + "请督促办理。");
    }

    static OutboundMessage missedCallForTownOffice(UUID caseId, MissedCall m) {
        return message(caseId, "MISSED_CALL_TOWN_OFFICE", "SUPERVISION", missedCall(m) + "请督办。");
    }

    private static String missedCall(MissedCall m) {
        return "【连心桥】督办：" + m.number() + "（" + (m.workstation() == null ? "未分派工作室" : m.workstation()) + "）预约的视频接待 "
                + DUE.format(m.startsAt()) + "，代表 " + (m.representative() == null ? "" : m.representative()) + " 未到，";
    }

    // A booked video call's notices (bookings.BookingNotices): the resident's is an approved SMS template (its
    // params) and, on WeChat, the booking subscribe template; the representative's a WeCom text card with the
    // join link (its template names the card's title, channels.wecom.Cards).

    static final String BOOKING_NOTICE = "BOOKING_NOTICE";
    static final String REP_BOOKING = "REP_BOOKING";
    /** The param of a representative's booking card: the link the card opens. */
    static final String JOIN_URL = "joinUrl";
    private static final DateTimeFormatter BOOKED_AT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm");

    /** A booking as its notices word it; times are in the town's zone, {@code movedTo} only for a move. */
    record BookedCall(UUID caseId, ZonedDateTime startsAt, ZonedDateTime endsAt, ZonedDateTime movedTo, String topic, String joinUrl) {
    }

    static OutboundMessage bookingForResident(BookingMessages.Kind kind, BookedCall b) {
        String time = BOOKED_AT.format(b.startsAt());
        return switch (kind) {
            case DAY_BEFORE, SHORTLY_BEFORE -> message(b.caseId(), BOOKING_NOTICE, SmsTemplate.BOOKING_REMINDER.name(),
                    "【连心桥】您预约的党代表视频接待将于" + time + "开始，请届时打开连心桥小程序“我的预约”进入视频。", Map.of("time", time));
            case CANCELLED -> message(b.caseId(), BOOKING_NOTICE, SmsTemplate.BOOKING_CANCELLED.name(),
                    "【连心桥】您预约的" + time + "党代表视频接待已取消。", Map.of("time", time));
            case RESCHEDULED -> {
                String newTime = BOOKED_AT.format(b.movedTo());
                yield message(b.caseId(), BOOKING_NOTICE, SmsTemplate.BOOKING_RESCHEDULED.name(),
                        "【连心桥】您预约的" + time + "党代表视频接待已改至" + newTime + "。", Map.of("time", time, "newTime", newTime));
            }
            case CONFIRMED -> throw new IllegalArgumentException("the resident sees a confirmed booking in the mini-program at once");
        };
    }

    static OutboundMessage bookingForRepresentative(BookingMessages.Kind kind, BookedCall b) {
        String slot = DUE.format(b.startsAt()) + "–" + UNTIL.format(b.endsAt());
        String about = "，群众所询：“" + excerpt(b.topic()) + "”。";
        String body = switch (kind) {
            case CONFIRMED -> "【连心桥】新的视频接待 " + slot + about + (b.joinUrl() == null ? "会议尚未开好，请在工作台查看。" : "届时点此进入会议。");
            case DAY_BEFORE -> "【连心桥】明天的视频接待 " + slot + about + "请按时进入会议。";
            case SHORTLY_BEFORE -> "【连心桥】视频接待即将开始 " + slot + about + "请点此进入会议。";
            case CANCELLED -> "【连心桥】视频接待已取消 " + slot + about;
            case RESCHEDULED -> "【连心桥】视频接待已改期：" + slot + " 改为 " + DUE.format(b.movedTo()) + about;
        };
        return message(b.caseId(), REP_BOOKING, REP_BOOKING + "_" + kind.name(), body,
                b.joinUrl() == null ? null : Map.of(JOIN_URL, b.joinUrl()));
    }

    /** An escalation as the group leader and the town office read it: the case, who asked, and the question. */
    record Escalation(CaseSummary c, String askedBy, String request) {
    }

    /** 请示 to one group leader of the case's workstation; each leader has a purpose of their own. */
    static OutboundMessage escalationForLeader(UUID caseId, long leaderId, Escalation e) {
        return message(caseId, "ESCALATION_LEADER_" + leaderId, ESCALATION, escalation(e));
    }

    static OutboundMessage escalationForTownOffice(UUID caseId, Escalation e) {
        return message(caseId, ESCALATION_TOWN_OFFICE, ESCALATION, escalation(e));
    }

    private static String escalation(Escalation e) {
        return "【连心桥】请示：诉求 " + e.c().number() + about(e.c()) + "，" + e.askedBy() + " 请示：“"
                + excerpt(e.request(), REQUEST_LENGTH) + "”。请批示后在连心桥管理台「请示」中记录。";
    }

    private static String supervision(Overdue o) {
        String where = (o.workstation() == null ? "未分派工作室" : o.workstation()) + "，"
                + (o.representative() == null ? "尚未分派代表" : "承办代表 " + o.representative());
        return "【连心桥】督办：" + o.number() + "（" + where + "）的" + o.kind().label() + "期限 " + DUE.format(o.dueAt()) + " 已过，";
    }

    private static String about(CaseSummary c) {
        return "（" + c.village() + "·" + c.category() + "）";
    }

    /** The first characters of the text, counted in code points so that no character is cut in half. */
    private static String excerpt(String text) {
        return excerpt(text, EXCERPT_LENGTH);
    }

    private static String excerpt(String text, int length) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= length) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, length)) + "…";
    }

    // Answers to what a resident texted in (keywords, follow-ups): one per incoming SMS, purpose SMS_ANSWER. They
    // only ever go by SMS, so their template is the approved SMS template and their body its rendering (channels.sms.SmsTexts).

    static OutboundMessage feedbackRecorded(UUID caseId, String number, String rating) {
        return smsAnswer(caseId, SmsTemplate.FEEDBACK_RECORDED, Map.of("number", number, "rating", rating));
    }

    static OutboundMessage noCaseAwaitingFeedback() {
        return smsAnswer(null, SmsTemplate.NO_FEEDBACK_PENDING, Map.of());
    }

    /** One case named or open: its step; several: each number with its step; none: so. */
    static OutboundMessage status(List<ResidentSms.CaseStep> cases) {
        if (cases.size() == 1) {
            return smsAnswer(null, SmsTemplate.STATUS, Map.of("number", cases.get(0).number(), "state", cases.get(0).step()));
        }
        return cases.isEmpty() ? smsAnswer(null, SmsTemplate.NO_OPEN_CASE, Map.of())
                : smsAnswer(null, SmsTemplate.OPEN_CASES, Map.of("cases", String.join("；",
                        cases.stream().map(c -> c.number() + "（" + c.step() + "）").toList())));
    }

    static OutboundMessage optedOut() {
        return smsAnswer(null, SmsTemplate.OPTED_OUT, Map.of());
    }

    static OutboundMessage followUpNoted(UUID caseId, String number) {
        return smsAnswer(caseId, SmsTemplate.FOLLOW_UP_NOTED, Map.of("number", number));
    }

    // Answers to what a representative wrote or tapped in the WeCom app; the texts are channels.wecom.WeComTexts.

    static final String WECOM_ANSWER = "WECOM_ANSWER";

    static OutboundMessage wecomAnswer(UUID caseId, String body) {
        return message(caseId, WECOM_ANSWER, WECOM_ANSWER, body);
    }

    /** A notice to staff worded by the context it comes from; its purpose is its template. */
    static OutboundMessage staffNotice(String purpose, String body) {
        return message(null, purpose, purpose, body);
    }

    private static OutboundMessage smsAnswer(UUID caseId, SmsTemplate template, Map<String, String> params) {
        return message(caseId, SMS_ANSWER, template.name(), null, params);
    }

    private static OutboundMessage message(UUID caseId, String purpose, String template, String body) {
        return message(caseId, purpose, template, body, null);
    }

    /**
     * A message to a resident: {@code params} are the named parameters of the SMS template of the same name, so
     * that the message can go by SMS as an approved template; {@code body} is the text for the other channels
     * (an SMS's body is replaced by its template's rendering when it is addressed, see {@code channels.sms.SmsTexts}).
     */
    private static OutboundMessage message(UUID caseId, String purpose, String template, String body, Map<String, String> params) {
        OutboundMessage m = new OutboundMessage();
        m.caseId = caseId;
        m.purpose = purpose;
        m.template = template;
        m.body = body;
        m.params = params;
        return m;
    }
}
