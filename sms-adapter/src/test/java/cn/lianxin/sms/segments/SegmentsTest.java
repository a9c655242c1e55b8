package cn.lianxin.sms.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentsTest {

    private static final String SIGNATURE = "【连心桥】";
    private static final String POINTER = "…详情请在连心桥小程序查看或致电回复";

    @ParameterizedTest(name = "{0} characters → {1} segment(s)")
    @CsvSource({"0, 1", "1, 1", "70, 1", "71, 2", "134, 2", "135, 3", "201, 3", "202, 4", "670, 10"})
    void shouldCountSegmentsAtTheBoundaries(int length, int segments) {
        assertThat(Segments.count("路".repeat(length))).isEqualTo(segments);
    }

    @Test
    void shouldCountTheSignatureToo() {
        assertThat(Segments.count("路".repeat(66))).isEqualTo(1);
        assertThat(Segments.count(SIGNATURE + "路".repeat(66))).isEqualTo(2);
    }

    @Test
    void shouldCountACharacterOutsideTheBasicPlaneOnce() {
        String seventy = "𠮷".repeat(70);
        assertThat(seventy.length()).isEqualTo(140);
        assertThat(Segments.count(seventy)).isEqualTo(1);
    }

    @Test
    void shouldLeaveATextThatFitsUnchanged() {
        String reply = SIGNATURE + "路".repeat(129);
        assertThat(Segments.fit(reply, 2, POINTER)).isSameAs(reply);
    }

    @ParameterizedTest(name = "{0} segment(s) hold {1} characters")
    @CsvSource({"1, 70", "2, 134", "3, 201"})
    void shouldShortenALongReplyToFillTheSegmentsExactlyAndEndWithThePointer(int maxSegments, int capacity) {
        String reply = SIGNATURE + "路".repeat(300);

        String fitted = Segments.fit(reply, maxSegments, POINTER);

        assertThat(fitted).startsWith(SIGNATURE + "路路").endsWith(POINTER);
        assertThat(fitted.codePointCount(0, fitted.length())).isEqualTo(capacity);
        assertThat(Segments.count(fitted)).isEqualTo(maxSegments);
    }

    @Test
    void shouldNeverCutACharacterOutsideTheBasicPlaneInHalf() {
        String fitted = Segments.fit("𠮷".repeat(100), 1, POINTER);

        assertThat(fitted).isEqualTo("𠮷".repeat(70 - POINTER.length()) + POINTER);
    }

    @Test
    void shouldRefuseWhatCannotFit() {
        assertThatThrownBy(() -> Segments.fit("路".repeat(100), 0, POINTER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Segments.fit("路".repeat(100), 1, "…".repeat(71)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pointer");
    }
}
