package cn.lianxin.console;

import cn.lianxin.api.Roles;
import cn.lianxin.visits.Ledgers;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 履职台账 of one representative for a month ({@code 2026-11}) or a year ({@code 2026}): an A4 page to print, and the
 * same page laid out as a PDF by {@link ReportPdf} with the reports' font, so the Chinese text is text in the PDF.
 */
@Path("/console/ledger/{representativeId}")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER, Roles.REPRESENTATIVE})
@Produces(MediaType.TEXT_HTML)
public class LedgerPage {

    private static final DateTimeFormatter MADE_AT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    /** What the page shows of the ledger: the period in words, the rates as percentages, the time it was made. */
    public record View(Ledgers.Ledger ledger, String periodLabel, String response, String onTime, String resolution, String satisfaction,
            String revisitCoverage, String carriedOut, long registered, String madeAt) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance ledger(View view, boolean pdf);
    }

    private final Ledgers ledgers;
    private final ReportPdf pdf;
    private final Frame.Frames frames;
    private final ZoneId townZone;

    public LedgerPage(Ledgers ledgers, ReportPdf pdf, Frame.Frames frames, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.ledgers = ledgers;
        this.pdf = pdf;
        this.frames = frames;
        this.townZone = townZone;
    }

    @GET
    @Path("{period: \\d{4}(-\\d{2})?}")
    @WithSession
    public Uni<TemplateInstance> page(@PathParam("representativeId") long representativeId, @PathParam("period") String period) {
        return ledgers.of(frames.caller(), representativeId, period).map(l -> Templates.ledger(view(l), false));
    }

    @GET
    @Path("{period: \\d{4}(-\\d{2})?}.pdf")
    @Produces("application/pdf")
    @WithSession
    public Uni<Response> pdf(@PathParam("representativeId") long representativeId, @PathParam("period") String period) {
        return ledgers.of(frames.caller(), representativeId, period).chain(l -> pdf.render(Templates.ledger(view(l), true).render())
                .map(bytes -> Response.ok(bytes, "application/pdf").header(HttpHeaders.CONTENT_DISPOSITION,
                        ReportsPage.attachment(l.representative() + "履职台账" + period + ".pdf", "ledger-" + representativeId + "-" + period + ".pdf"))
                        .build()));
    }

    private View view(Ledgers.Ledger l) {
        String label = l.period().length() == 4 ? l.period() + "年" : l.from().getYear() + "年" + l.from().getMonthValue() + "月";
        var f = l.figures();
        return new View(l, label, percent(f == null ? null : f.responseRate()), percent(f == null ? null : f.onTimeRate()),
                percent(f == null ? null : f.resolutionRate()), percent(f == null ? null : f.satisfactionRate()),
                percent(f == null ? null : f.revisitCoverage()), percent(f == null ? null : f.carriedOutRate()),
                f == null ? 0 : f.registered(), MADE_AT.format(l.madeAt().atZoneSameInstant(townZone)));
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
