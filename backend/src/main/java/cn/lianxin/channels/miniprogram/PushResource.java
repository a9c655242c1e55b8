package cn.lianxin.channels.miniprogram;

import cn.binarywang.wx.miniapp.bean.WxMaMessage;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.channels.miniprogram.MiniProgramSettings.Push;
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
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The mini-program's message push URL (消息推送). GET is the URL check: {@code signature} = sha1 of the sorted Token,
 * timestamp and nonce, answered with the echostr as it came. POST carries an event: in plain mode signed like the
 * GET; in safe mode ({@code encrypt_type=aes}) the body's {@code Encrypt} is signed by {@code msg_signature} (sha1 of
 * the sorted Token, timestamp, nonce and Encrypt) and decrypted with the EncodingAESKey, and must name our appid. The
 * timestamp must be within five minutes, XML may carry no DTD, and the push is stored once before WeChat gets
 * {@code success}; {@link PushProcessor} works out later what it means. A refused push is logged with its reason only.
 */
@Path("/api/wechat/miniapp/push")
@PermitAll
@Tag(name = "Mini-program channel")
public class PushResource {

    private static final Logger LOG = Logger.getLogger(PushResource.class);
    private static final String SAFE_MODE = "aes";

    private final Optional<CallbackCrypto> crypto;
    private final Push settings;
    private final PushInbox inbox;

    public PushResource(MiniProgramSettings settings, PushInbox inbox, Clock clock) {
        this.settings = settings.push();
        this.inbox = inbox;
        // Plain mode has no AES key; the crypto then only checks signatures (it needs a well-formed key all the same).
        this.crypto = this.settings.token().filter(t -> !t.isBlank()).map(token -> new CallbackCrypto(token,
                this.settings.aesKey().orElse("A".repeat(43)), settings.appId(), clock));
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "WeChat's URL check: answers the echostr once the signature is right")
    public String verify(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce, @QueryParam("echostr") String echostr) {
        return checked(() -> {
            crypto().requireSigned(signature, timestamp, nonce);
            return echostr == null ? "" : echostr;
        });
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "A message push (subscribe message and media check events): stored once, answered with success")
    public Uni<String> receive(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
            @QueryParam("nonce") String nonce, @QueryParam("encrypt_type") String encryptType,
            @QueryParam("msg_signature") String msgSignature, String body) {
        String plain = checked(() -> open(signature, timestamp, nonce, encryptType, msgSignature, body == null ? "" : body));
        return checked(() -> inbox.store(settings.format(), plain)).replaceWith("success");
    }

    private String open(String signature, String timestamp, String nonce, String encryptType, String msgSignature, String body) {
        if (settings.aesKey().isEmpty()) {
            crypto().requireSigned(signature, timestamp, nonce);
            return body;
        }
        if (!SAFE_MODE.equals(encryptType)) {
            throw new CallbackCrypto.Refused("a plain push where safe mode is configured");
        }
        WxMaMessage envelope = PushMessages.parse(settings.format(), body);
        return crypto().open(msgSignature, timestamp, nonce, envelope.getEncrypt());
    }

    private CallbackCrypto crypto() {
        return crypto.orElseThrow(() -> new CallbackCrypto.Refused("the message push is not configured (token)"));
    }

    private static <T> T checked(Supplier<T> step) {
        try {
            return step.get();
        } catch (CallbackCrypto.Refused e) {
            LOG.warnf("mini-program push refused: %s", e.getMessage());
            throw new ApiException(Problem.of(403, "Forbidden", "The push failed WeChat's signature, timestamp, decryption, appid or format check."));
        }
    }
}
