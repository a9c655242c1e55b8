package cn.lianxin.console;

import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every console page shows around its content: who is signed in, which section is open, and the CSRF token
 * the page's htmx requests carry. Made per request from the caller's token.
 */
public record Frame(String section, Caller caller, String roleLabel, String csrf) {

    public boolean office() {
        return caller.is(StaffRole.TOWN_OFFICE);
    }

    /** 登记 is the office's and the liaisons' (RegisterPage): the nav shows it to them only. */
    public boolean registers() {
        return office() || caller.is(StaffRole.LIAISON);
    }

    /** Makes the frames of one request's page. */
    @RequestScoped
    public static class Frames {
        private final SecurityIdentity identity;
        private final ConsoleSession session;

        public Frames(SecurityIdentity identity, ConsoleSession session) {
            this.identity = identity;
            this.session = session;
        }

        public Frame of(String section) {
            Caller caller = Caller.of(identity);
            String raw = ((JsonWebToken) identity.getPrincipal()).getRawToken();
            return new Frame(section, caller, Labels.role(caller.role()), session.csrfFor(raw));
        }

        public Caller caller() {
            return Caller.of(identity);
        }
    }
}
