package cn.lianxin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxy = new ClientAddress(Optional.of(List.of("10.0.0.2", "10.0.0.3")));

    @Test
    void shouldIgnoreForwardedForWithoutATrustedProxy() {
        assertThat(new ClientAddress(Optional.empty()).of("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(behindProxy.of("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldTakeTheRightmostHopThatIsNotOurProxy() {
        // The client wrote "1.2.3.4" itself; our outer proxy 10.0.0.3 added the address it saw.
        assertThat(behindProxy.of("10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.3")).isEqualTo("198.51.100.1");
    }

    @Test
    void shouldFallBackToThePeerWhenTheProxySentNoAddress() {
        assertThat(behindProxy.of("10.0.0.2", null)).isEqualTo("10.0.0.2");
        assertThat(behindProxy.of("10.0.0.2", " , 10.0.0.3")).isEqualTo("10.0.0.2");
    }

    @Test
    void shouldTrustEveryProxyInAConfiguredRange() {
        ClientAddress behindIngress = new ClientAddress(Optional.of(List.of("10.0.0.0/8")));
        assertThat(behindIngress.of("10.42.7.19", "198.51.100.1, 10.42.0.5")).isEqualTo("198.51.100.1");
        assertThat(behindIngress.of("192.0.2.10", "198.51.100.1")).isEqualTo("192.0.2.10");
    }
}
