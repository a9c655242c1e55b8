package cn.lianxin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void shouldMaskEveryMobileNumberInAText() {
        assertThat(Masking.maskPhones("来自13800138000和+8613912345678的短信"))
                .isEqualTo("来自138****8000和139****5678的短信");
    }

    @Test
    void shouldLeaveLongerDigitRunsAlone() {
        assertThat(Masking.maskPhones("订单 2026112713800138000 已受理")).isEqualTo("订单 2026112713800138000 已受理");
    }

    @Test
    void shouldHideMalformedDigitsWhole() {
        assertThat(Masking.maskDigits("12345")).isEqualTo("***");
        assertThat(Masking.maskDigits(null)).isEqualTo("***");
    }

    @Test
    void shouldKeepNullAsNull() {
        assertThat(Masking.maskPhones(null)).isNull();
    }
}
