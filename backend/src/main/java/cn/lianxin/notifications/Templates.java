package cn.lianxin.notifications;

import java.util.List;
import java.util.UUID;

/** Every text we send to residents, in one place and in Chinese. Purposes double as the idempotency key per event. */
final class Templates {

    static final String CASE_REGISTERED = "CASE_REGISTERED_ACK";
    static final String CASE_REPLY = "CASE_REPLY";
    static final String FEEDBACK_PROMPT = "FEEDBACK_PROMPT";

    private Templates() {
    }

    static OutboundMessage registered(UUID caseId, String number) {
        return message(caseId, CASE_REGISTERED, "CASE_REGISTERED",
                "【连心桥】您反映的问题已登记，编号 " + number + "。党代表会尽快办理并答复您。");
    }

    /** The reply, then the satisfaction prompt that the resident answers with a digit. */
    static List<OutboundMessage> replied(UUID caseId, String number, String reply) {
        return List.of(
                message(caseId, CASE_REPLY, "CASE_REPLY", "【连心桥】您反映的问题（编号 " + number + "）答复如下：" + stripLabel(reply)),
                message(caseId, FEEDBACK_PROMPT, "FEEDBACK_PROMPT",
                        "【连心桥】请对编号 " + number + " 的办理结果评价：回复1满意，2基本满意，3不满意。"));
    }

    /** The record line reads "回复：…"; the resident gets the answer itself. */
    private static String stripLabel(String detail) {
        return detail.startsWith("回复：") ? detail.substring("回复：".length()) : detail;
    }

    private static OutboundMessage message(UUID caseId, String purpose, String template, String body) {
        OutboundMessage m = new OutboundMessage();
        m.caseId = caseId;
        m.purpose = purpose;
        m.template = template;
        m.body = body;
        return m;
    }
}
