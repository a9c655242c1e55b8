package cn.lianxin.channels.wecom;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import me.chanjar.weixin.cp.bean.message.WxCpMessage;
import me.chanjar.weixin.cp.bean.templatecard.TemplateCardButton;

/**
 * The case card (template_card, button_interaction): a title with the case number, the notice's text, and four
 * buttons. Its task_id names the case and the message, so a tap finds its case and every card is unique (WeCom
 * refuses a task_id twice).
 */
final class Cards {

    /** The buttons, by the key a tap reports. */
    enum Button {
        SIGN_FOR("签收", 1),
        ON_THE_SPOT("当场办结", 1),
        ESCALATE("请示", 2),
        TRANSFER("转办", 2);

        final String text;
        final int style;

        Button(String text, int style) {
            this.text = text;
            this.style = style;
        }

        static Optional<Button> of(String key) {
            for (Button b : values()) {
                if (b.name().equals(key)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    /** Card titles by notice template (notifications.Templates); other notices go as plain text. */
    private static final Map<String, String> TITLES = Map.of(
            "REP_NEW_CASE", "新诉求",
            "REP_ASSIGN", "分派给您",
            "REP_TRANSFER", "转办给您",
            "REP_REMINDER", "期限提醒");

    /** A notice that goes as a text card: its title, the workbench page its button opens and the button's words. */
    private record NoticeCard(String title, String page, String button) {
    }

    /** Notices other contexts word (notifications' staff notices, by template) that go as a text card. */
    private static final Map<String, NoticeCard> NOTICES = Map.of(
            "VISIT_PLAN", new NoticeCard("本周走访", "#/visits/new", "记录走访"),
            "REVISIT_DUE", new NoticeCard("回访任务", "#/revisits", "我的回访"),
            "REP_BOOKING_CONFIRMED", new NoticeCard("视频接待已预约", "", "打开工作台"),
            "REP_BOOKING_DAY_BEFORE", new NoticeCard("明天的视频接待", "", "打开工作台"),
            "REP_BOOKING_SHORTLY_BEFORE", new NoticeCard("视频接待即将开始", "", "打开工作台"),
            "REP_BOOKING_CANCELLED", new NoticeCard("视频接待已取消", "", "打开工作台"),
            "REP_BOOKING_RESCHEDULED", new NoticeCard("视频接待已改期", "", "打开工作台"));

    /** Room for a digest's lines in a text card's description (512 bytes), with the tail line. */
    private static final int DIGEST_BYTES = 440;

    private Cards() {
    }

    static boolean isCard(String template) {
        return TITLES.containsKey(template);
    }

    static String taskId(UUID caseId, UUID messageId) {
        return hex(caseId) + "_" + hex(messageId);
    }

    /** The case a card's task_id names, if it is one of ours. */
    static Optional<UUID> caseOf(String taskId) {
        if (taskId == null || taskId.length() != 65 || taskId.charAt(32) != '_') {
            return Optional.empty();
        }
        String h = taskId.substring(0, 32);
        try {
            return Optional.of(new UUID(Long.parseUnsignedLong(h.substring(0, 16), 16), Long.parseUnsignedLong(h.substring(16), 16)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static WxCpMessage card(List<String> userIds, String template, String caseNumber, String body, UUID caseId, UUID messageId,
            Optional<String> workbench) {
        var builder = WxCpMessage.TEMPLATECARD().toUser(String.join("|", userIds))
                .cardType("button_interaction")
                .sourceDesc("连心桥")
                .mainTitleTitle(TITLES.get(template) + " " + caseNumber)
                .subTitleText(withoutBrand(body))
                .taskId(taskId(caseId, messageId))
                .buttons(List.of(Button.values()).stream().map(b -> TemplateCardButton.builder().text(b.text).style(b.style)
                        .key(b.name()).build()).toList());
        workbench.ifPresent(url -> builder.cardActionType(1).cardActionUrl(caseLink(url, caseId)));
        return builder.build();
    }

    static boolean isNotice(String template) {
        return NOTICES.containsKey(template);
    }

    /**
     * A notice as a text card: its button joins the meeting when the notice carries a link (a booked call's), else
     * opens its workbench page; as text when there is neither.
     */
    static WxCpMessage notice(List<String> userIds, String template, String body, Optional<String> joinUrl, Optional<String> workbench) {
        NoticeCard card = NOTICES.get(template);
        return joinUrl.map(url -> textCard(userIds, card.title(), withoutBrand(body), url, "进入会议"))
                .or(() -> workbench.map(url -> textCard(userIds, card.title(), withoutBrand(body), url + card.page(), card.button())))
                .orElseGet(() -> text(userIds, body));
    }

    static WxCpMessage text(List<String> userIds, String body) {
        return WxCpMessage.TEXT().toUser(String.join("|", userIds)).content(body).build();
    }

    /** A text card's description is cut at 512 bytes. */
    private static final int DESCRIPTION_BYTES = 512;

    /**
     * 代表送政策: the policy a representative is to carry, as a text card — its first line the title, the rest (what
     * it says, in which villages) the description — opening the workbench; without one, plain text.
     */
    static WxCpMessage policy(List<String> userIds, String body, Optional<String> workbench) {
        int end = body.indexOf('\n');
        String title = end < 0 ? body : body.substring(0, end);
        String description = end < 0 ? "" : body.substring(end + 1).strip();
        return workbench.map(url -> textCard(userIds, title, description, url, "打开工作台")).orElseGet(() -> text(userIds, body));
    }

    /** A text card, its description cut to what WeCom shows (512 bytes, whole characters). */
    private static WxCpMessage textCard(List<String> userIds, String title, String description, String url, String button) {
        StringBuilder shown = new StringBuilder();
        for (int c : description.codePoints().toArray()) {
            if (utf8(shown) + utf8(Character.toString(c)) > DESCRIPTION_BYTES) {
                break;
            }
            shown.appendCodePoint(c);
        }
        return WxCpMessage.TEXTCARD().toUser(String.join("|", userIds)).title(title).description(shown.toString()).url(url)
                .btnTxt(button).build();
    }

    /** Several notices in one message, when the member's limits held some back: a text card to the workbench. */
    static WxCpMessage digest(List<String> userIds, List<String> bodies, Optional<String> workbench) {
        StringBuilder lines = new StringBuilder();
        int shown = 0;
        for (String body : bodies) {
            String line = (shown + 1) + ". " + withoutBrand(body) + "\n";
            // WeCom cuts a text card's description at 512 bytes; the rest is in the workbench.
            if (utf8(lines) + utf8(line) > DIGEST_BYTES) {
                break;
            }
            lines.append(line);
            shown++;
        }
        if (shown < bodies.size()) {
            lines.append("……另有 ").append(bodies.size() - shown).append(" 条，请到工作台查看");
        }
        String title = "连心桥 · " + bodies.size() + " 条新通知";
        String to = String.join("|", userIds);
        return workbench.map(url -> WxCpMessage.TEXTCARD().toUser(to).title(title).description(lines.toString().strip()).url(url)
                        .btnTxt("打开工作台").build())
                .orElseGet(() -> WxCpMessage.TEXT().toUser(to).content(title + "\n" + lines.toString().strip()).build());
    }

    private static int utf8(CharSequence s) {
        return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static String caseLink(String workbench, UUID caseId) {
        return workbench + "#/cases/" + caseId;
    }

    private static String withoutBrand(String body) {
        return body.startsWith("【连心桥】") ? body.substring("【连心桥】".length()) : body;
    }

    private static String hex(UUID id) {
        return id.toString().replace("-", "");
    }
}
