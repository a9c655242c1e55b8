package cn.lianxin.channels.sms;

import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.send.AliyunSmsSender;
import cn.lianxin.sms.send.SendResult;
import cn.lianxin.sms.send.SentDetail;
import cn.lianxin.sms.send.SmsSettings;
import cn.lianxin.sms.send.SmsTemplate;
import cn.lianxin.sms.send.SmsTemplates;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Aliyun SMS account in production mode ({@code lianxin.sms.sandbox=false}): the SDK sender built from
 * {@code lianxin.sms.aliyun.*}, and the bounded worker pool its blocking calls run on. Results come back on the
 * caller's Vert.x context, so a reactive session (the dispatcher's transaction) carries on where it was. Built at
 * startup so that a live deployment with a missing key fails at once, not at its first message.
 */
@Startup
@ApplicationScoped
public class AliyunSms {

    private static final String TEMPLATE_CODES = "lianxin.sms.aliyun.template-codes.";

    private final AliyunSmsSender sender;
    private final WorkerExecutor workers;
    private final Duration longestCall;

    public AliyunSms(Config config, Vertx vertx, @ConfigProperty(name = "lianxin.sms.sandbox") boolean sandbox,
            @ConfigProperty(name = "lianxin.sms.aliyun.endpoint") Optional<String> endpoint,
            @ConfigProperty(name = "lianxin.sms.aliyun.protocol") String protocol,
            @ConfigProperty(name = "lianxin.sms.aliyun.access-key-id") Optional<String> accessKeyId,
            @ConfigProperty(name = "lianxin.sms.aliyun.access-key-secret") Optional<String> accessKeySecret,
            @ConfigProperty(name = "lianxin.sms.aliyun.sign-name") String signName,
            @ConfigProperty(name = "lianxin.sms.aliyun.connect-timeout") Duration connectTimeout,
            @ConfigProperty(name = "lianxin.sms.aliyun.read-timeout") Duration readTimeout,
            @ConfigProperty(name = "lianxin.sms.send-threads") int threads) {
        this.longestCall = connectTimeout.plus(readTimeout);
        if (sandbox) {
            this.sender = null;
            this.workers = null;
            return;
        }
        SmsSettings settings = new SmsSettings(endpoint.orElse(null), protocol, accessKeyId.orElse(null),
                accessKeySecret.orElse(null), signName, connectTimeout, readTimeout);
        this.sender = new AliyunSmsSender(settings, SmsTemplates.fromConfig(templateCodes(config)));
        // Bounded: at most this many SDK calls at once, each holding its thread for up to connect + read timeout.
        this.workers = vertx.createSharedWorkerExecutor("aliyun-sms", threads);
    }

    private static Map<String, String> templateCodes(Config config) {
        Map<String, String> codes = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(TEMPLATE_CODES)) {
                codes.put(name.substring(TEMPLATE_CODES.length()), config.getValue(name, String.class));
            }
        }
        return codes;
    }

    public boolean live() {
        return sender != null;
    }

    /** SendSms with our message id as OutId, off the event loop. */
    Uni<SendResult> send(PhoneNumber to, SmsTemplate template, Map<String, String> params, String outId) {
        return workers.executeBlocking(() -> sender.send(to, template, params, outId), false);
    }

    /** One SendSms call to up to 1,000 numbers with the same content (a broadcast), off the event loop. */
    public Uni<SendResult> send(List<PhoneNumber> to, SmsTemplate template, Map<String, String> params, String outId) {
        return workers.executeBlocking(() -> sender.send(to, template, params, outId), false);
    }

    /** QuerySendDetails for one of our messages, off the event loop. */
    public Uni<SentDetail> find(PhoneNumber to, LocalDate sendDate, String outId) {
        return workers.executeBlocking(() -> sender.find(to, sendDate, outId), false);
    }

    /** How long after an attempt Aliyun may still have accepted it: the attempt's date and this later one are queried. */
    public Duration longestCall() {
        return longestCall;
    }

    @PreDestroy
    void close() {
        if (workers != null) {
            workers.closeAndForget();
        }
    }
}
