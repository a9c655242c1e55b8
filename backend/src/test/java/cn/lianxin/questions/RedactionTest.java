package cn.lianxin.questions;

import static org.assertj.core.api.Assertions.assertThat;

import cn.lianxin.questions.Redaction.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the proposed redaction takes out of a text before a person confirms it. */
class RedactionTest {

    @Test
    void phoneIdPlateAndHouseNumbersAreProposedForRemoval() {
        Redaction.Redacted r = Redaction.of("我住12栋3单元，身份证110101199003071234，电话139-1234-5678，车牌粤B12345挡了路，王家3号门口积水",
                List.of());
        assertThat(r.text()).isEqualTo("我住【门牌已隐去】【门牌已隐去】，身份证【身份证号已隐去】，电话【电话已隐去】，车牌【车牌已隐去】挡了路，王家【门牌已隐去】门口积水");
        assertThat(r.kinds()).containsExactlyInAnyOrder(Kind.HOUSE_NUMBER, Kind.ID_NUMBER, Kind.PHONE, Kind.PLATE);
    }

    @Test
    void anIdNumberIsNotMistakenForAPhoneNumberInsideIt() {
        Redaction.Redacted r = Redaction.of("身份证号44030119901315678X", List.of());
        assertThat(r.parts()).extracting(Redaction.Part::kind).containsExactly(null, Kind.ID_NUMBER);
        assertThat(r.parts().get(1).original()).isEqualTo("44030119901315678X");
    }

    @Test
    void theNamesGivenAreRemovedAndADateIsNotAHouseNumber() {
        Redaction.Redacted r = Redaction.of("我是王秀英，5月3号反映过，座机0755-86001234", List.of("王秀英"));
        assertThat(r.text()).isEqualTo("我是【姓名已隐去】，5月3号反映过，座机【电话已隐去】");
    }

    @Test
    void aTextWithoutPersonalDataIsLeftAsItIs() {
        Redaction.Redacted r = Redaction.of("村口的路灯坏了三个月了，什么时候能修？", List.of("王"));
        assertThat(r.changed()).isFalse();
        assertThat(r.text()).isEqualTo("村口的路灯坏了三个月了，什么时候能修？");
    }
}
