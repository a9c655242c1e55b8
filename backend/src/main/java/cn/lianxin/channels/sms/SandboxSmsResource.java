package cn.lianxin.channels.sms;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Roles;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.sms.inbound.SmsUp;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** In sandbox mode, a resident's SMS can be simulated: it is stored and processed exactly like a pushed one. */
@Path("/api/sandbox/sms")
@RolesAllowed(Roles.TOWN_OFFICE)
@Tag(name = "Sandbox")
public class SandboxSmsResource {

    public record IncomingSms(@NotBlank @Size(max = 32) String phone, @NotBlank @Size(max = 1000) String text) {
    }

    private final SmsInbox inbox;
    private final boolean sandbox;

    public SandboxSmsResource(SmsInbox inbox, @ConfigProperty(name = "lianxin.notifications.sandbox") boolean sandbox) {
        this.inbox = inbox;
        this.sandbox = sandbox;
    }

    @POST
    @Operation(summary = "Simulate an SMS from a resident (sandbox mode only)")
    public Uni<Response> receive(@Valid @NotNull IncomingSms sms) {
        if (!sandbox) {
            throw ApiException.notFound("This path");
        }
        PhoneNumber phone = PhoneNumber.parse(sms.phone())
                .orElseThrow(() -> ApiException.invalidField("phone", "must be a mainland China mobile number"));
        SmsUp up = new SmsUp(phone, sms.text(), OffsetDateTime.now(), "", "sandbox-" + UUID.randomUUID(), Optional.empty());
        return inbox.storeUplinks(List.of(up)).replaceWith(Response.accepted().build());
    }
}
