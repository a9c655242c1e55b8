package cn.lianxin.sms.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SmsTemplatesTest {

    private final SmsTemplates templates = SmsTemplates.withPlaceholderCodes();

    @ParameterizedTest
    @EnumSource(SmsTemplate.class)
    void every_template_names_exactly_the_placeholders_its_text_uses(SmsTemplate template) {
        String stripped = template.text();
        for (String name : template.parameters()) {
            assertThat(template.text()).contains("${" + name + "}");
            stripped = stripped.replace("${" + name + "}", "");
        }
        assertThat(stripped).doesNotContain("${");
    }

    @Test
    void placeholder_codes_until_configured_and_configured_codes_after() {
        SmsTemplates configured = SmsTemplates.fromConfig(Map.of("case-registered", " SMS_123456 "));

        assertThat(templates.codeOf(SmsTemplate.CASE_REGISTERED)).isEqualTo("SMS_LIANXIN_CASE_REGISTERED");
        assertThat(configured.codeOf(SmsTemplate.CASE_REGISTERED)).isEqualTo("SMS_123456");
        assertThat(configured.codeOf(SmsTemplate.FEEDBACK_PROMPT)).isEqualTo("SMS_LIANXIN_FEEDBACK_PROMPT");
    }

    @Test
    void a_misspelt_or_empty_configured_template_is_refused() {
        assertThatThrownBy(() -> SmsTemplates.fromConfig(Map.of("case-registred", "SMS_1")))
                .hasMessageContaining("unknown SMS template 'case-registred'");
        assertThatThrownBy(() -> SmsTemplates.fromConfig(Map.of("status", " ")))
                .hasMessageContaining("empty code");
    }

    @Test
    void renders_the_text_the_resident_reads() {
        assertThat(templates.render(SmsTemplate.STATUS, Map.of("number", "SG-20261127-0001", "state", "办理中")))
                .isEqualTo("您反映的问题（编号SG-20261127-0001）目前：办理中。");
        assertThat(templates.render(SmsTemplate.BROADCAST, Map.of("town", "史官镇", "title", "城乡居民医保缴费")))
                .isEqualTo("史官镇政策解读：城乡居民医保缴费。详情请在连心桥小程序“政策”中查看，有疑问可直接回复本短信。").doesNotContain("拒收请回复R");
    }

    @Test
    void parameters_come_back_in_template_order() {
        assertThat(templates.checkedParameters(SmsTemplate.CASE_REPLY, Map.of("reply", "已修好", "number", "SG-1")).keySet())
                .containsExactly("number", "reply");
    }

    @Test
    void missing_blank_and_unknown_parameters_are_named_without_values() {
        assertThatThrownBy(() -> templates.checkedParameters(SmsTemplate.CASE_REPLY, Map.of("number", " ", "replay", "秘密")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameters [number, reply]")
                .hasMessageContaining("unknown parameters [replay]")
                .hasMessageNotContaining("秘密");
    }
}
