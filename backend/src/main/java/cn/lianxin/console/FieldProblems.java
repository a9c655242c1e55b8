package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.cases.domain.CaseRejected;
import cn.lianxin.cases.domain.Rejection;
import java.util.Optional;

/**
 * A 422 from a command — what it carried may not be used (a representative of another workstation, a deactivated
 * one, a case without a village) — as the words shown at the form's field; the console re-renders the form with them
 * rather than letting htmx swap the problem+json in. Every other failure goes on as it was (#alert, error page).
 */
final class FieldProblems {

    private FieldProblems() {
    }

    static Optional<String> of(Throwable failure) {
        if (failure instanceof CaseRejected rejected && rejected.rejection() instanceof Rejection.Invalid invalid) {
            return Optional.of(invalid.message());
        }
        if (failure instanceof ApiException api && api.problem().status() == 422) {
            return Optional.of(api.problem().errors() == null || api.problem().errors().isEmpty() ? api.problem().detail()
                    : api.problem().errors().get(0).message());
        }
        return Optional.empty();
    }
}
