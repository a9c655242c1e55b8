package cn.lianxin.staff;

import cn.lianxin.api.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/auth")
@Tag(name = "Staff")
public class AuthResource {

    public record LoginRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    private final StaffLogin login;

    private final ClientAddress clientAddress;

    public AuthResource(StaffLogin login, ClientAddress clientAddress) {
        this.login = login;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "Sign in as staff; the token goes in 'Authorization: Bearer …' on every other call")
    public Uni<StaffLogin.Token> login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return login.login(request.username(), request.password(), clientAddress.of(http)).map(StaffLogin::orRefuse);
    }
}
