package cn.lianxin.console;

import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.audit.AuditSearch;
import cn.lianxin.audit.ReadAudit;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 查阅记录: the read audit of {@code GET /api/audit} ({@link AuditSearch}), for the town office — who read which case
 * or resident, when and through which page or endpoint. Filters by case, resident, staff member and days.
 */
@Path("/console/audit")
@RolesAllowed(Roles.TOWN_OFFICE)
@Produces(MediaType.TEXT_HTML)
public class AuditPage {

    static final int PAGE_SIZE = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One line as the table shows it, its time in the town's zone, its role and action in words. */
    public record Line(String at, String role, String action, AuditSearch.Entry entry) {
        static Line of(AuditSearch.Entry e, ZoneId zone) {
            return new Line(TIME.format(e.at().atZoneSameInstant(zone)), e.actorRole() == null ? "" : Labels.role(StaffRole.valueOf(e.actorRole())),
                    Labels.readAction(ReadAudit.Action.valueOf(e.action())), e);
        }
    }

    /** The filters as typed, so that the form shows them again; {@code error} when one could not be read. */
    public record Typed(String caseId, String residentId, String actor, String from, String to, String error) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance log(Frame frame, Typed typed, List<Line> lines, long total, String next);
    }

    private final Frame.Frames frames;
    private final ZoneId townZone;

    public AuditPage(Frame.Frames frames, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.frames = frames;
        this.townZone = townZone;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> log(@QueryParam("caseId") String caseId, @QueryParam("residentId") String residentId,
            @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int pageNumber) {
        Frame frame = frames.of("audit");
        AuditSearch search;
        try {
            search = new AuditSearch(uuid(caseId), uuid(residentId), actor, date(from), date(to));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Uni.createFrom().item(Templates.log(frame, new Typed(caseId, residentId, actor, from, to,
                    "筛选条件有误：编号须为完整的 ID，日期形如 2026-10-01。"), List.of(), 0, null));
        }
        PageRequest page = new PageRequest();
        page.page = Math.max(pageNumber, 0);
        page.size = PAGE_SIZE;
        Typed typed = new Typed(caseId, residentId, actor, from, to, null);
        return search.page(townZone, page).map(found -> {
            List<Line> lines = found.items().stream().map(e -> Line.of(e, townZone)).toList();
            boolean more = (long) (page.page + 1) * PAGE_SIZE < found.total();
            String next = more ? "/console/audit?page=" + (page.page + 1) + query(typed) : null;
            return Templates.log(frame, typed, lines, found.total(), next);
        });
    }

    private static String query(Typed t) {
        StringBuilder q = new StringBuilder();
        append(q, "caseId", t.caseId());
        append(q, "residentId", t.residentId());
        append(q, "actor", t.actor());
        append(q, "from", t.from());
        append(q, "to", t.to());
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value.strip(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static UUID uuid(String s) {
        return s == null || s.isBlank() ? null : UUID.fromString(s.strip());
    }

    private static LocalDate date(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
    }
}
