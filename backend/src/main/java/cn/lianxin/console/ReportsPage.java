package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Roles;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.stats.Figures;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 月报: choose a month and a workstation (the town office may choose the whole town; a liaison or group leader has
 * their own workstation only), then read the month's report as one printable page or download it as PDF. The page
 * and the PDF are the same template: the PDF is that page laid out by {@link ReportPdf}.
 */
@Path("/console/reports")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class ReportsPage {

    /** How many months back the chooser offers; older reports are reachable by their address. */
    static final int MONTHS_OFFERED = 24;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance chooser(Frame frame, List<YearMonth> months, Long workstationId, String scopeName,
                List<Workstation> workstations);

        /** {@code pdf}: laid out for openhtmltopdf, without the browser's tool bar. */
        static native TemplateInstance report(MonthlyReport report, boolean pdf);
    }

    private final MonthlyReports reports;
    private final ReportPdf pdf;
    private final Frame.Frames frames;
    private final Clock clock;
    private final ZoneId townZone;

    public ReportsPage(MonthlyReports reports, ReportPdf pdf, Frame.Frames frames, Clock clock,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.reports = reports;
        this.pdf = pdf;
        this.frames = frames;
        this.clock = clock;
        this.townZone = townZone;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> chooser(@QueryParam("workstationId") Long requested) {
        Frame frame = frames.of("reports");
        Long workstation = Figures.workstationFor(frame.caller(), requested);
        YearMonth thisMonth = YearMonth.from(OffsetDateTime.now(clock).atZoneSameInstant(townZone));
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < MONTHS_OFFERED; i++) {
            months.add(thisMonth.minusMonths(i));
        }
        return Workstation.<Workstation>listAll(Sort.by("name")).map(list -> Templates.chooser(frame, months, workstation,
                list.stream().filter(w -> w.id.equals(workstation)).map(w -> w.name).findFirst().orElse(null), list));
    }

    @GET
    @Path("{month: \\d{4}-\\d{2}}")
    @WithSession
    public Uni<TemplateInstance> report(@PathParam("month") String month, @QueryParam("workstationId") Long workstationId) {
        return reports.of(frames.caller(), month(month), workstationId).map(r -> Templates.report(r, false));
    }

    @GET
    @Path("{month: \\d{4}-\\d{2}}.pdf")
    @Produces("application/pdf")
    @WithSession
    public Uni<Response> pdf(@PathParam("month") String month, @QueryParam("workstationId") Long workstationId) {
        return reports.of(frames.caller(), month(month), workstationId)
                .chain(r -> pdf.render(Templates.report(r, true).render()).map(bytes -> Response.ok(bytes, "application/pdf")
                        .header(HttpHeaders.CONTENT_DISPOSITION, attachment(r.title() + ".pdf", "report-" + r.month() + ".pdf"))
                        .build()));
    }

    /** RFC 6266 / 5987: the Chinese file name percent-encoded as UTF-8, and an ASCII one for clients without it. */
    static String attachment(String fileName, String asciiFallback) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''" + encoded;
    }

    private static YearMonth month(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw ApiException.notFound("The report of " + month);
        }
    }
}
