package cn.lianxin.sms.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmsSettingsTest {

    @Test
    void the_secret_never_prints() {
        SmsSettings settings = new SmsSettings("dysmsapi.aliyuncs.com", "https", "key-id", "very-secret", "连心桥",
                Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertThat(settings.toString()).contains("key-id").doesNotContain("very-secret");
    }

    @Test
    void only_http_or_https_and_every_value_present() {
        assertThatThrownBy(() -> new SmsSettings("h", "ftp", "i", "s", "n", Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> new SmsSettings("h", "https", "i", " ", "n", Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("access key secret is not configured");
        assertThatThrownBy(() -> new SmsSettings("h", "https", "i", "s", "n", Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connect timeout must be positive");
    }
}
