package cn.lianxin.channels.sms;

import cn.lianxin.api.AddressRanges;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may push to our Aliyun endpoints. The push carries no signature, so a town protects them with a secret in
 * the path, a source allowlist (Aliyun's push addresses), or both; each one configured must hold. With neither,
 * every push is refused: an open endpoint would let anyone write residents' SMS into the system.
 */
// Made at startup, so that a mistyped allowlist stops the start instead of refusing the first push.
@Startup
@ApplicationScoped
public class AliyunPushGate {

    private final Optional<String> secret;
    private final AddressRanges sources;

    public AliyunPushGate(@ConfigProperty(name = "lianxin.sms.aliyun.push-secret") Optional<String> secret,
            @ConfigProperty(name = "lianxin.sms.aliyun.push-sources") Optional<List<String>> sources) {
        this.secret = secret.filter(s -> !s.isBlank());
        this.sources = AddressRanges.parse(sources.orElse(List.of()));
    }

    /** @param given the secret in the path, if the push came by a path with one; {@code source} the client address */
    public boolean admits(Optional<String> given, String source) {
        if (secret.isEmpty() && sources.isEmpty()) {
            return false;
        }
        boolean secretHolds = secret.map(s -> given.map(g -> constantTimeEquals(s, g)).orElse(false)).orElse(true);
        return secretHolds && (sources.isEmpty() || sources.contains(source));
    }

    /** Constant-time, so that the secret cannot be guessed one character at a time. */
    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
