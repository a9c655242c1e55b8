package cn.lianxin.sms.send;

import java.time.Duration;

/**
 * How to reach Aliyun SMS. The backend fills it from {@code lianxin.sms.aliyun.endpoint}, {@code .protocol},
 * {@code .access-key-id}, {@code .access-key-secret} and {@code .sign-name}.
 *
 * @param endpoint host (and optional port) of the SMS API, e.g. {@code dysmsapi.aliyuncs.com}; tests point it at a fake
 * @param protocol {@code https} in production; {@code http} only for a local fake
 * @param signName the approved signature (签名) every message is sent under
 * @param connectTimeout kept short: a provider we cannot reach should not hold a dispatcher thread
 * @param readTimeout after this the outcome is unknown, never "failed" (see {@link AliyunSmsSender})
 */
public record SmsSettings(String endpoint, String protocol, String accessKeyId, String accessKeySecret,
        String signName, Duration connectTimeout, Duration readTimeout) {

    public SmsSettings {
        requireText(endpoint, "endpoint");
        requireText(accessKeyId, "access key id");
        requireText(accessKeySecret, "access key secret");
        requireText(signName, "sign name");
        if (!"http".equals(protocol) && !"https".equals(protocol)) {
            throw new IllegalArgumentException("SMS protocol must be http or https");
        }
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("SMS " + name + " is not configured");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("SMS " + name + " must be positive");
        }
    }

    /** The secret stays out of log lines and error messages that print the settings. */
    @Override
    public String toString() {
        return "SmsSettings[endpoint=" + endpoint + ", protocol=" + protocol + ", accessKeyId=" + accessKeyId
                + ", accessKeySecret=***, signName=" + signName + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
