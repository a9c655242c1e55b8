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

    static WxCpMessage text(List<String> userIds, String body) {
        return WxCpMessage.TEXT().toUser(String.join("|", userIds)).content(body).build();
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
