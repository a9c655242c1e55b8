package cn.lianxin.channels.wecom;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.channels.tencent.CallbackCrypto;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * WeCom's callback URL. GET verifies the URL (the decrypted echostr, bare); POST carries an encrypted message:
 * signature, timestamp window, decryption and corp id are checked, a DTD in the message is refused, the message
 * is stored once, and WeCom gets an empty 200 at once (it retries after 5 s). What it means is worked out later by {@link WeComProcessor}. A refused callback
 * is logged with its reason only, never its payload.
 */
@Path("/api/wecom/callback")
@PermitAll
@Tag(name = "WeCom channel")
public class WeComCallbackResource {

    private static final Logger LOG = Logger.getLogger(WeComCallbackResource.class);

    private final Optional<WeComCrypto> crypto;
    private final WeComInbox inbox;

    public WeComCallbackResource(WeComSettings settings, WeComInbox inbox, Clock clock) {
        this.crypto = settings.canVerifyCallbacks()
                ? Optional.of(new WeComCrypto(settings.token(), settings.aesKey(), settings.corpId(), clock))
                : Optional.empty();
        this.inbox = inbox;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeCom URL verification: answers the decrypted echostr")
    public String verify(@QueryParam("msg_signature") String signature, @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce, @QueryParam("echostr") String echostr) {
        return checked(() -> crypto().verifyUrl(signature, timestamp, nonce, echostr));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "WeCom message or event (encrypted XML): stored once, answered with an empty 200")
    public Uni<Response> receive(@QueryParam("msg_signature") String signature, @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce, String body) {
        String plain = checked(() -> crypto().openXml(signature, timestamp, nonce, body == null ? "" : body));
        return checked(() -> inbox.store(plain, false)).map(stored -> Response.ok().build());
    }

    private WeComCrypto crypto() {
        return crypto.orElseThrow(() -> new CallbackCrypto.Refused("WeCom is not configured (corp id, token, aes key)"));
    }

    private static <T> T checked(Supplier<T> step) {
        try {
            return step.get();
        } catch (CallbackCrypto.Refused e) {
            throw refused(e);
        }
    }

    private static ApiException refused(CallbackCrypto.Refused e) {
        LOG.warnf("WeCom callback refused: %s", e.getMessage());
        return new ApiException(Problem.of(403, "Forbidden", "The callback failed WeCom's signature, timestamp, decryption, corp or XML check."));
    }
}
