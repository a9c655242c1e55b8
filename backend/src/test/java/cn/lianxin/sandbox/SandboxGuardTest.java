package cn.lianxin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sandbox flag left on in a real deployment stops the start instead of letting anyone sign in as anyone. */
class SandboxGuardTest {

    @Test
    void shouldRefuseToStartInProductionWithASandboxFlagOnAndNoAcknowledgement() {
        for (String flag : SandboxGuard.FLAGS) {
            assertThatThrownBy(() -> new SandboxGuard(List.of("prod"), List.of(flag), false))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(flag).hasMessageContaining(SandboxGuard.ACKNOWLEDGED);
        }
    }

    @Test
    void shouldStartInProductionWhenTheSandboxIsAcknowledgedButKeepItsSimulationsOff() {
        assertThat(new SandboxGuard(List.of("prod"), List.of("lianxin.sms.sandbox"), true).simulationsAllowed()).isFalse();
    }

    @Test
    void shouldStartInProductionWithEveryFlagOff() {
        assertThat(new SandboxGuard(List.of("prod"), List.of(), false).simulationsAllowed()).isFalse();
    }

    @Test
    void shouldAllowTheSandboxInTheLocalAndTestProfiles() {
        assertThat(new SandboxGuard(List.of("local"), SandboxGuard.FLAGS, false).simulationsAllowed()).isTrue();
        assertThat(new SandboxGuard(List.of("test"), SandboxGuard.FLAGS, false).simulationsAllowed()).isTrue();
    }
}
