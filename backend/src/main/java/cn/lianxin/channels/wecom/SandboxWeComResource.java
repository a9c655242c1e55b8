package cn.lianxin.channels.wecom;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * In sandbox mode, a representative's text or card tap can be simulated: it is stored and processed exactly like
 * a decrypted callback, except that nothing is sent back to WeCom (answers land in the sandbox outbox).
 */
@Path("/api/sandbox/wecom")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Sandbox")
public class SandboxWeComResource {

    private static final String USER_ID = "[A-Za-z0-9_.@-]{1,64}";

    public record Text(@NotBlank @Pattern(regexp = USER_ID) String userId, @NotBlank @Size(max = 2000) String content) {
    }

    public record Tap(@NotBlank @Pattern(regexp = USER_ID) String userId, @NotNull UUID caseId,
            @NotNull @Pattern(regexp = "SIGN_FOR|ON_THE_SPOT|ESCALATE|TRANSFER") String key) {
    }

    private final WeComInbox inbox;
    private final boolean sandbox;

    public SandboxWeComResource(WeComInbox inbox, @ConfigProperty(name = "lianxin.notifications.sandbox") boolean sandbox) {
        this.inbox = inbox;
        this.sandbox = sandbox;
    }

    @POST
    @Path("text")
    @Operation(summary = "Simulate a representative's text in the WeCom app (sandbox mode only)")
    public Uni<Response> text(@Valid @NotNull Text text) {
        String xml = "<xml><FromUserName><![CDATA[" + text.userId() + "]]></FromUserName><CreateTime>" + now()
                + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + cdata(text.content()) + "]]></Content><MsgId>"
                + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE) + "</MsgId></xml>";
        return store(xml);
    }

    @POST
    @Path("tap")
    @Operation(summary = "Simulate a representative's tap on a case card's button (sandbox mode only)")
    public Uni<Response> tap(@Valid @NotNull Tap tap) {
        // Events are told apart by user and time: a unique time keeps two simulated taps apart.
        String xml = "<xml><FromUserName><![CDATA[" + tap.userId() + "]]></FromUserName><CreateTime>" + System.nanoTime()
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA["
                + tap.key() + "]]></EventKey><TaskId><![CDATA[" + Cards.taskId(tap.caseId(), UUID.randomUUID())
                + "]]></TaskId><CardType><![CDATA[button_interaction]]></CardType></xml>";
        return store(xml);
    }

    private Uni<Response> store(String xml) {
        if (!sandbox) {
            throw ApiException.notFound("This path");
        }
        return inbox.store(xml, true).replaceWith(Response.accepted().build());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** A text cannot close its own CDATA section. */
    private static String cdata(String text) {
        return text.replace("]]>", "]]]]><![CDATA[>");
    }
}
