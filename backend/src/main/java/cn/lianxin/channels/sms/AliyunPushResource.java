package cn.lianxin.channels.sms;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.ClientAddress;
import cn.lianxin.api.Problem;
import cn.lianxin.sms.inbound.AliyunPushes;
import cn.lianxin.sms.inbound.MalformedPushException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Aliyun's HTTP pushes: residents' SMS (SmsUp) and delivery receipts (SmsReport). The push carries no signature,
 * so {@link AliyunPushGate} admits it by the secret in the path ({@code /api/sms/aliyun/{secret}/sms-up}) and/or its
 * source address (then also {@code /api/sms/aliyun/sms-up}, which keeps a secret out of every proxy's access log);
 * a push it refuses is answered like an unknown path. A batch is answered with Aliyun's "received" only once it
 * is stored; a storage failure answers 5xx so that Aliyun pushes it again.
 */
@Path("/api/sms/aliyun")
@PermitAll
@Tag(name = "SMS channel")
public class AliyunPushResource {

    /** The answer Aliyun expects; anything else makes it retry. */
    public record Received(int code, String msg) {
        static final Received OK = new Received(0, "接收成功");
    }

    private final SmsInbox inbox;
    private final AliyunPushGate gate;
    private final ClientAddress clientAddress;

    public AliyunPushResource(SmsInbox inbox, AliyunPushGate gate, ClientAddress clientAddress) {
        this.inbox = inbox;
        this.gate = gate;
        this.clientAddress = clientAddress;
    }

    /** The secret segment, or nothing: {@code {secret}/sms-up} and {@code sms-up} are one endpoint. */
    private static final String SECRET = "{secret: ([^/]+/)?}";

    @POST
    @Path(SECRET + "sms-up")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Aliyun SmsUp push: residents' text messages, stored once per sequence_id")
    public Uni<Received> smsUp(@PathParam("secret") String given, @Context HttpServerRequest request, String body) {
        return accept(given, request, body, AliyunPushes::smsUp, inbox::storeUplinks);
    }

    @POST
    @Path(SECRET + "sms-report")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Aliyun SmsReport push: delivery receipts, stored once per send, number and outcome")
    public Uni<Received> smsReport(@PathParam("secret") String given, @Context HttpServerRequest request, String body) {
        return accept(given, request, body, AliyunPushes::smsReport, inbox::storeReceipts);
    }

    private <T> Uni<Received> accept(String secretSegment, HttpServerRequest request, String body,
            Function<String, List<T>> parse, Function<List<T>, Uni<Void>> store) {
        Optional<String> given = Optional.ofNullable(secretSegment).filter(s -> !s.isEmpty()).map(s -> s.substring(0, s.length() - 1));
        if (!gate.admits(given, clientAddress.of(request))) {
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
}
