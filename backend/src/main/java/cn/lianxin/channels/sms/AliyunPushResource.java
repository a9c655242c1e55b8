package cn.lianxin.channels.sms;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.sms.inbound.AliyunPushes;
import cn.lianxin.sms.inbound.MalformedPushException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Aliyun's HTTP pushes: residents' SMS (SmsUp) and delivery receipts (SmsReport). The push carries no signature,
 * so the path holds a secret; a wrong one is answered like an unknown path. A batch is answered with Aliyun's
 * "received" only once it is stored; a storage failure answers 5xx so that Aliyun pushes it again.
 */
@Path("/api/sms/aliyun/{secret}")
@PermitAll
@Tag(name = "SMS channel")
public class AliyunPushResource {

    /** The answer Aliyun expects; anything else makes it retry. */
    public record Received(int code, String msg) {
        static final Received OK = new Received(0, "接收成功");
    }

    private final SmsInbox inbox;
    private final Optional<String> secret;

    public AliyunPushResource(SmsInbox inbox, @ConfigProperty(name = "lianxin.sms.aliyun.push-secret") Optional<String> secret) {
        this.inbox = inbox;
        this.secret = secret;
    }

    @POST
    @Path("sms-up")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Aliyun SmsUp push: residents' text messages, stored once per sequence_id")
    public Uni<Received> smsUp(@PathParam("secret") String given, String body) {
        return accept(given, body, AliyunPushes::smsUp, inbox::storeUplinks);
    }

    @POST
    @Path("sms-report")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Aliyun SmsReport push: delivery receipts, stored once per send, number and outcome")
    public Uni<Received> smsReport(@PathParam("secret") String given, String body) {
        return accept(given, body, AliyunPushes::smsReport, inbox::storeReceipts);
    }

    private <T> Uni<Received> accept(String given, String body, Function<String, List<T>> parse, Function<List<T>, Uni<Void>> store) {
        if (!secretMatches(given)) {
            throw ApiException.notFound("This path");
        }
        List<T> batch;
        try {
            batch = parse.apply(body == null ? "" : body);
        } catch (MalformedPushException e) {
            String where = e.location().orElse("body");
            throw new ApiException(new Problem("https://lianxin.cn/problems/malformed-push", "Malformed push", 400,
                    e.getMessage(), List.of(new Problem.FieldError(where, e.getMessage())), null, List.of()));
        }
        return store.apply(batch).replaceWith(Received.OK);
    }

    /** Constant-time, so that the secret cannot be guessed one character at a time. */
    private boolean secretMatches(String given) {
        return secret.filter(s -> !s.isBlank())
                .map(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
