package cn.lianxin.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.channels.sms.SmsTexts;
import cn.lianxin.cases.domain.CaseStep;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.StepEvent;
import cn.lianxin.sms.segments.Segments;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An SMS's final parameters and body, as the dispatcher will send them and the log shows them. */
class SmsTextsTest {

    private static final String POINTER = "…（全文请在连心桥小程序查看）";
    private final SmsTexts texts = new SmsTexts("连心桥", 2, POINTER);

    private static StepEvent.Replied replied(String text) {
        CaseStep step = new CaseStep(UUID.randomUUID(), "SG-20261127-0042", CaseState.IN_PROGRESS, CaseState.REPLIED, "chenming",
                Channel.CONSOLE, UUID.randomUUID(), Channel.SMS, 1L, 2L, OffsetDateTime.now());
        return new StepEvent.Replied(step, text, List.of(), List.of());
    }

    @Test
    void rendersTheApprovedTemplateUnderTheSignature() {
        OutboundMessage ack = texts.word(Templates.registered(UUID.randomUUID(), "SG-20261127-0042"));

        assertThat(ack.params).isEqualTo(Map.of("number", "SG-20261127-0042"));
        assertThat(ack.body).isEqualTo("【连心桥】您反映的问题已登记，编号SG-20261127-0042。有答复会短信告诉您，回复“查”可查询办理情况。");
    }

    @Test
    void shortensALongReplyToTheMaximumWithThePointerAndSendsWhatItShows() {
        String reply = "已联系供电所。".repeat(40);
        OutboundMessage sms = texts.word(Templates.replied(replied(reply)).get(0));

        assertThat(Segments.count(sms.body)).isEqualTo(2);
        assertThat(sms.body).endsWith(POINTER).startsWith("【连心桥】您反映的问题（编号SG-20261127-0042）答复如下：已联系供电所。");
        assertThat(sms.params.get("reply")).endsWith(POINTER);
        assertThat(sms.body).endsWith(sms.params.get("reply"));
    }

    @Test
    void leavesAShortReplyWhole() {
        OutboundMessage sms = texts.word(Templates.replied(replied("路灯本周修好")).get(0));

        assertThat(sms.params).isEqualTo(Map.of("number", "SG-20261127-0042", "reply", "路灯本周修好"));
    }
}
