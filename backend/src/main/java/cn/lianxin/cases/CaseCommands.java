package cn.lianxin.cases;

import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.staff.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A command given by staff through the API or the console: both are the same channel on the case's record
 * ({@code CONSOLE}), so the API's command resource and the console's pages give commands here, not each their own way.
 */
@ApplicationScoped
public class CaseCommands {

    private final CaseLifecycle lifecycle;

    public CaseCommands(CaseLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /** The case as the command left it; refusals are {@code CaseRejected} (see {@code CaseRejections}). */
    public Uni<Case> give(UUID caseId, CaseCommand command, Caller caller) {
        return lifecycle.execute(caseId, command, caller, Channel.CONSOLE);
    }
}
