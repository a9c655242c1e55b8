package cn.lianxin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PhoneNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+8613800138000", "+86 138 0013 8000", "008613800138000",
            "8613800138000", "138-0013-8000", " 138 0013 8000 ", "１３８００１３８０００", "＋86 13800138000"})
    void shouldNormaliseEveryWayAResidentWritesTheSameNumber(String written) {
        assertThat(PhoneNumber.parse(written)).hasValueSatisfying(p -> assertThat(p.digits()).isEqualTo("13800138000"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12800138000", "1380013800", "138001380001", "02188889999", "abc", "+1 4155550100",
            "86138001380"})
    void shouldRejectWhatIsNotAMainlandMobile(String written) {
        assertThat(PhoneNumber.parse(written)).isEmpty();
    }

    @Test
    void shouldRejectNull() {
        assertThat(PhoneNumber.parse(null)).isEmpty();
    }

    @Test
    void shouldShowOnlyTheMaskedFormWhenPrinted() {
        PhoneNumber phone = PhoneNumber.of("13812341234");
        assertThat(phone.masked()).isEqualTo("138****1234");
        assertThat(phone.toString()).isEqualTo("138****1234").doesNotContain("13812341234");
    }

    @Test
    void shouldNotEchoInvalidInputInItsError() {
        assertThatThrownBy(() -> PhoneNumber.of("1999999999")).hasMessageNotContaining("1999999999");
    }

    @Test
    void shouldTreatDifferentSpellingsAsTheSameResident() {
        assertThat(PhoneNumber.of("+86 13800138000")).isEqualTo(PhoneNumber.of("13800138000"))
                .hasSameHashCodeAs(PhoneNumber.of("13800138000"));
    }
}
