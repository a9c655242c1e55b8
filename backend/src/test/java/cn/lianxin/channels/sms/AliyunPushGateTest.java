package cn.lianxin.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AliyunPushGateTest {

    private static final Optional<String> SECRET = Optional.of("s3cret-path-token");

    @Test
    void shouldRefuseEveryPushWhenNeitherSecretNorSourcesAreConfigured() {
        AliyunPushGate open = new AliyunPushGate(Optional.of(" "), Optional.empty());
        assertThat(open.admits(Optional.empty(), "100.104.1.1")).isFalse();
        assertThat(open.admits(Optional.of(" "), "100.104.1.1")).isFalse();
    }

    @Test
    void shouldAdmitBySecretAloneWhenNoSourcesAreConfigured() {
        AliyunPushGate gate = new AliyunPushGate(SECRET, Optional.empty());
        assertThat(gate.admits(SECRET, "198.51.100.7")).isTrue();
        assertThat(gate.admits(Optional.of("s3cret-path-tokeN"), "198.51.100.7")).isFalse();
        assertThat(gate.admits(Optional.empty(), "198.51.100.7")).isFalse();
    }

    @Test
    void shouldAdmitBySourceAloneWhenNoSecretIsConfigured() {
        AliyunPushGate gate = new AliyunPushGate(Optional.empty(), Optional.of(List.of("100.104.0.0/16", "2001:db8::/32", "203.0.113.5")));
        assertThat(gate.admits(Optional.empty(), "100.104.255.1")).isTrue();
        assertThat(gate.admits(Optional.empty(), "100.105.0.1")).isFalse();
        assertThat(gate.admits(Optional.empty(), "2001:db8:1::9")).isTrue();
        assertThat(gate.admits(Optional.empty(), "2001:db9::1")).isFalse();
        assertThat(gate.admits(Optional.empty(), "203.0.113.5")).isTrue();
        assertThat(gate.admits(Optional.empty(), "203.0.113.6")).isFalse();
        assertThat(gate.admits(Optional.empty(), "not-an-address")).isFalse();
    }

    @Test
    void shouldRequireBothWhenBothAreConfigured() {
        AliyunPushGate gate = new AliyunPushGate(SECRET, Optional.of(List.of("100.104.0.0/16")));
        assertThat(gate.admits(SECRET, "100.104.0.1")).isTrue();
        assertThat(gate.admits(SECRET, "198.51.100.7")).isFalse();
        assertThat(gate.admits(Optional.empty(), "100.104.0.1")).isFalse();
    }

    @Test
    void shouldRefuseAnAllowlistEntryThatIsNotALiteralRange() {
        assertThatThrownBy(() -> new AliyunPushGate(SECRET, Optional.of(List.of("aliyun.example"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aliyun.example");
        assertThatThrownBy(() -> new AliyunPushGate(SECRET, Optional.of(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
    }
}
