package cn.lianxin.cases.rest;

import cn.lianxin.cases.domain.Rejection;
import cn.lianxin.cases.domain.CaseRejected;
import cn.lianxin.api.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place a case's refusal becomes problem+json: 404, 403, 409 (with what may be done instead), 422. */
public class CaseRejections {

    @ServerExceptionMapper
    public Response rejected(CaseRejected e) {
        Problem problem = problem(e.rejection());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Problem problem(Rejection rejection) {
        if (rejection instanceof Rejection.Unseen unseen) {
            return Problem.of(404, "Not found", "Case " + unseen.caseId() + " does not exist");
        }
        if (rejection instanceof Rejection.NotPermitted denied) {
            return Problem.of(403, "Forbidden", "You may see case " + denied.number() + " but not " + denied.kind().label() + " it.");
        }
        if (rejection instanceof Rejection.NotNow notNow) {
            return Problem.illegalState(notNow.why(), notNow.state().name(), notNow.allowed().stream().map(Enum::name).toList());
        }
        Rejection.Invalid invalid = (Rejection.Invalid) rejection;
        return Problem.invalid(List.of(new Problem.FieldError(invalid.field(), invalid.message())));
    }
}
