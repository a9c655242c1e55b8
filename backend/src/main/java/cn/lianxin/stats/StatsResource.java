package cn.lianxin.stats;

import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.calendar.WorkingCalendar;
import cn.lianxin.staff.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The town office's figures (响应率、按时率、解决率、满意率) and the overdue list (督办). The town office reads every
 * workstation's; a liaison or group leader reads their own workstation's only (403 for another's); a
 * representative reads none — the figures judge their work, and their group leader and the office read them.
 */
@Path("/api/stats")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Tag(name = "Figures")
public class StatsResource {

    /** The figures of one period: a row per group and the total over all groups read. */
    public record RatesView(LocalDate from, LocalDate to, String by, Long workstationId, List<RateRow> rows, RateRow total) {
    }

    private final Figures figures;
    private final WorkingCalendar calendar;
    private final SecurityIdentity identity;
    private final ZoneId townZone;
    private final Clock clock;

    public StatsResource(Figures figures, WorkingCalendar calendar, SecurityIdentity identity, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.figures = figures;
        this.calendar = calendar;
        this.identity = identity;
        this.townZone = townZone;
        this.clock = clock;
    }

    @GET
    @Path("rates")
    @Operation(summary = "响应率、按时率、解决率、满意率 of the cases registered in a period, by workstation, representative, village or category",
            description = """
                    The cases counted are those registered (登记) on the town's calendar days from `from` to `to`, both \
                    included, at most 366 days; each figure says where those cases stand now, so a recent period's \
                    figures grow as its cases proceed. Every rate comes with its numerator and denominator; a rate is a \
                    decimal with 4 places, null when its denominator is 0.

                    - 响应率 responseRate = signedFor ÷ registered. signedFor: the case was signed for (签收) at least once, \
                    even if a transfer has since sent it back to 登记.
                    - 按时率 onTimeRate = onTimeNumerator ÷ onTimeDenominator. Only cases with a reply deadline \
                    (reply_due_at) count: the denominator is those replied to, or not replied to with the deadline passed; \
                    the numerator those whose reply is at or before the deadline. Cases without a deadline, and those \
                    whose deadline is still ahead and unanswered, are left out. A reopened case is judged by its latest reply.
                    - 解决率 resolutionRate = replied ÷ registered. replied: the case is in 回复, 反馈 or 归档 (a case \
                    reopened after 不满意 is not, until it is replied to again).
                    - 满意率 satisfactionRate = satisfied ÷ rated. rated: the case has a rating (满意, 基本满意 or 不满意); \
                    satisfied: 满意 or 基本满意.
                    - 回访覆盖率 revisitCoverage = archivedRevisited ÷ archived: of the cases now in 归档, those revisited \
                    (回访) with the resident reached.
                    - 落实率 carriedOutRate = carriedOut ÷ revisited: of the cases whose latest revisit reached the resident, \
                    those it found carried out (a case found not carried out is back in hand, no longer archived).

                    Rows are grouped by the case's current workstation, representative, village or category; cases not \
                    yet placed with one form a row with null id and name. `total` is all rows together. A liaison or group \
                    leader gets their own workstation's figures; the town office may narrow to one with workstationId.""")
    public Uni<RatesView> rates(
            @QueryParam("from") @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-11-01") String from,
            @QueryParam("to") @Parameter(required = true, schema = @Schema(type = SchemaType.STRING, format = "date"), example = "2026-11-30") String to,
            @QueryParam("by") @Parameter(required = true, schema = @Schema(enumeration = {"workstation", "representative", "village", "category"})) String by,
            @QueryParam("workstationId") Long workstationId) {
        Dimension dimension = Dimension.parse(by);
        Period period = Period.parse(from, to);
        Long workstation = Figures.workstationFor(Caller.of(identity), workstationId);
        return figures.rates(dimension, period.start(townZone), period.end(townZone), OffsetDateTime.now(clock), workstation)
                .map(r -> new RatesView(period.from(), period.to(), dimension.parameter(), workstation, r.rows(), r.total()));
    }

    @GET
    @Path("overdue")
    @Operation(summary = "督办: open cases with a sign-for, reply or resolution deadline passed and the step not done, most overdue first",
            description = """
                    A case is on the list when it is not archived and one of its deadlines has passed with its step not \
                    done: sign-for (sign_for_due_at) while the case is in 登记; reply (reply_due_at) and resolution \
                    (resolve_due_at) while it has no reply. `deadline` is the earliest of those, which the list is \
                    ordered by; `missed` names all of them. overdueMinutes is the time since that deadline, \
                    overdueWorkingDays the working days from its day to today.""")
    public Uni<Page<OverdueCase>> overdue(@Valid @BeanParam PageRequest page, @QueryParam("workstationId") Long workstationId) {
        Long workstation = Figures.workstationFor(Caller.of(identity), workstationId);
        return figures.overdue(OffsetDateTime.now(clock), workstation, page, calendar.current());
    }
}
