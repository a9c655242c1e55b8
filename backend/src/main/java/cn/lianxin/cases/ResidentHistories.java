package cn.lianxin.cases;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Filters;
import cn.lianxin.api.Problem;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Who raised a case, as a handler needs to know them: name, masked phone (never the number), and their cases the
 * caller may see, newest first. The API's {@code resident-history} and the console's case page both show this.
 */
@ApplicationScoped
public class ResidentHistories {

    /** Enough of a resident's past for a handler; the console's full list is the case list filtered by resident. */
    public static final int LIMIT = 50;

    public record ResidentHistory(UUID residentId, String name, String phone, Long villageId, List<PastCase> cases) {
    }

    public record PastCase(UUID id, String number, CaseState state, String stateLabel, Channel channel, String text,
            OffsetDateTime registeredAt, OffsetDateTime repliedAt, Feedback feedback) {
    }

    private static final ApiException MAY_NOT_CALL = new ApiException(Problem.of(403, "Forbidden",
            "只有办理、派单或回访此诉求的人员可以查看完整号码 (only who handles, dispatches or revisits the case may read the number)."));

    private final ReadAudit audit;
    private final PhoneVault phones;

    public ResidentHistories(ReadAudit audit, PhoneVault phones) {
        this.audit = audit;
        this.phones = phones;
    }

    /**
     * The case's resident's number in clear, for a caller who calls them back ({@link Transitions#mayCallResident});
     * the reading is recorded. Null when the resident left no number.
     */
    public Uni<String> phoneInClear(Case c, Caller caller) {
        if (!Transitions.mayCallResident(caller, c)) {
            return Uni.createFrom().failure(MAY_NOT_CALL);
        }
        return Resident.<Resident>findById(c.residentId)
                .call(r -> audit.record(caller, ReadAudit.Action.PHONE_IN_CLEAR, c.audited()))
                .map(r -> r == null || r.phoneCipher == null ? null : phones.open(r.phoneCipher).digits());
    }

    /** The resident of a case the caller already may see ({@link CaseLifecycle#visible}); the reading is recorded. */
    public Uni<ResidentHistory> of(Case c, Caller caller) {
        return Resident.<Resident>findById(c.residentId).chain(resident -> {
            Filters filters = CaseScope.visibleTo(caller).with("residentId = :residentId", "residentId", c.residentId);
            return Case.<Case>find(filters.where("registeredAt desc, id"), filters.parameters()).page(0, LIMIT).list()
                    .call(cases -> audit.record(caller, ReadAudit.Action.RESIDENT_HISTORY, Stream.concat(
                            Stream.of(ReadAudit.Read.ofResident(resident.id)), Case.audited(cases).stream()).toList()))
                    .map(cases -> new ResidentHistory(resident.id, resident.name, resident.phoneMasked, resident.villageId,
                            cases.stream().map(p -> new PastCase(p.id, p.number, p.state, p.state.label(), p.channel, p.text,
                                    p.registeredAt, p.repliedAt, p.feedback)).toList()));
        });
    }
}
