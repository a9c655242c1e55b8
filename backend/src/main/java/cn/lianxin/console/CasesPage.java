package cn.lianxin.console;

import cn.lianxin.audit.ReadAudit;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Roles;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseSearch;
import cn.lianxin.cases.Figure;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.rest.CaseFilters;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 诉求: the case list with every filter of the API's list ({@link CaseFilters}, queried through the same
 * {@link CaseSearch}), so that a drill-down from the dashboard lands on exactly the cases behind its figure; paging,
 * the total, and the CSV export of the same filtered rows. Changing a filter swaps only the results (htmx) and
 * pushes the address; without JavaScript the form is a plain GET.
 */
@Path("/console/cases")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class CasesPage {

    /** More rows than a spreadsheet of one town's cases needs; a larger export is cut and says so. */
    static final int EXPORT_LIMIT = 10_000;
    static final String TRUNCATED_HEADER = "X-Export-Truncated";

    public record Option(String value, String label) {
    }

    /** The choices of the form's selects. */
    public record Choices(List<Option> states, List<Option> channels, List<Option> figures, List<Option> unplaced,
            List<Option> villages, List<Option> categories, List<Option> workstations, List<Option> representatives) {
    }

    /** A filter in force, as the page names it. */
    public record Active(String label, String value) {
    }

    public record Results(List<CaseRows.Row> rows, long total, int page, int pages, String previous, String next,
            String export, boolean exportCut, List<Active> active) {
        /** The page as people count, from 1. */
        public int shownPage() {
            return page + 1;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance cases(Frame frame, Map<String, String> v, Map<String, String> errors, Choices choices,
                Results results, int exportLimit);

        /** The results alone: what a change of the filters swaps in. */
        static native TemplateInstance results(Frame frame, Map<String, String> v, Map<String, String> errors, Results results,
                int exportLimit);
    }

    private final Frame.Frames frames;
    private final CaseRows rows;
    private final CaseCsv csv;
    private final Validator validator;
    private final Clock clock;
    private final ZoneId townZone;
    private final ReadAudit audit;

    public CasesPage(Frame.Frames frames, CaseRows rows, CaseCsv csv, Validator validator, Clock clock, ReadAudit audit,
            @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.audit = audit;
        this.frames = frames;
        this.rows = rows;
        this.csv = csv;
        this.validator = validator;
        this.clock = clock;
        this.townZone = townZone;
    }

    @GET
    @WithSession
    public Uni<Response> list(@BeanParam PageRequest paging, @BeanParam CaseFilters f, @HeaderParam("HX-Request") String htmx,
            @HeaderParam("HX-History-Restore-Request") String restoring) {
        Frame frame = frames.of("cases");
        Map<String, String> errors = errors(f);
        errors.putAll(pagingErrors(paging));
        // htmx asks for the results alone; a restore of the browser's history wants the whole page.
        boolean partial = htmx != null && restoring == null;
        Uni<Results> results = errors.isEmpty() ? results(frame.caller(), f, paging) : Uni.createFrom().item(
                new Results(List.of(), 0, 0, 0, null, null, null, false, List.of()));
        return results.chain(r -> active(f).map(active -> new Results(r.rows(), r.total(), r.page(), r.pages(), r.previous(), r.next(),
                        r.export(), r.exportCut(), active)))
                .chain(r -> (partial ? Uni.createFrom().item((Choices) null) : choices(frame.caller(), frame.office()))
                        .chain(choices -> (partial ? Templates.results(frame, values(f), errors, r, EXPORT_LIMIT)
                                : Templates.cases(frame, values(f), errors, choices, r, EXPORT_LIMIT)).createUni()))
                .map(html -> {
                    Response.ResponseBuilder answer = Response.status(errors.isEmpty() ? 200 : 422).entity(html)
                            .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
                    // The form sends its empty fields too; the address kept in the history names only the filters in force.
                    return (partial ? answer.header("HX-Push-Url", links(values(f)).toString()) : answer).build();
                });
    }

    /**
     * The filtered rows as CSV, newest first: all pages, up to {@link #EXPORT_LIMIT} rows ({@value #TRUNCATED_HEADER}
     * says when there were more). The same query as the list and the API, scoped to the caller.
     */
    @GET
    @Path("export.csv")
    @WithSession
    @Produces("text/csv; charset=utf-8")
    public Uni<Response> export(@BeanParam CaseFilters f) {
        Caller caller = frames.caller();
        Map<String, String> errors = errors(f);
        if (!errors.isEmpty()) {
            throw new BadRequestException("筛选条件有误：" + String.join("；", errors.values()));
        }
        return f.toSearch().all(caller, townZone, OffsetDateTime.now(clock), EXPORT_LIMIT + 1).chain(found -> {
            boolean cut = found.size() > EXPORT_LIMIT;
            List<Case> cases = cut ? found.subList(0, EXPORT_LIMIT) : found;
            return audit.record(caller, ReadAudit.Action.CASE_EXPORT, Case.audited(cases)).chain(() -> rows.of(cases)).map(list -> {
                Response.ResponseBuilder answer = Response.ok(csv.of(list)).type("text/csv; charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"cases-" + LocalDate.ofInstant(clock.instant(), townZone) + ".csv\"");
                return (cut ? answer.header(TRUNCATED_HEADER, "only the newest " + EXPORT_LIMIT + " rows") : answer).build();
            });
        });
    }

    private Uni<Results> results(Caller caller, CaseFilters f, PageRequest paging) {
        return f.toSearch().page(caller, townZone, OffsetDateTime.now(clock), paging)
                .call(page -> audit.record(caller, ReadAudit.Action.CASE_LIST, Case.audited(page.items())))
                .chain((Page<Case> page) -> rows.of(page.items())
                .map(list -> {
                    int pages = (int) Math.max(1, (page.total() + paging.size - 1) / paging.size);
                    CaseLinks link = links(values(f));
                    String previous = paging.page > 0 ? pageLink(link, paging.page - 1, paging.size) : null;
                    String next = paging.page + 1 < pages ? pageLink(link, paging.page + 1, paging.size) : null;
                    String export = "/console/cases/export.csv" + link.toString().substring(CaseLinks.LIST.length());
                    return new Results(list, page.total(), paging.page, pages, previous, next, export, page.total() > EXPORT_LIMIT, List.of());
                }));
    }

    /** The filters in force by their query parameters' names: what the form shows, paging and the export keep. */
    static Map<String, String> values(CaseFilters f) {
        Map<String, String> values = new LinkedHashMap<>();
        Object[] pairs = {"number", f.number, "state", f.state, "channel", f.channel, "villageId", f.villageId, "categoryId", f.categoryId,
            "workstationId", f.workstationId, "representativeId", f.representativeId, "unassigned", f.unassigned,
            "residentId", f.residentId, "from", f.from, "to", f.to, "unplaced", f.unplaced, "figure", f.figure};
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !"".equals(pairs[i + 1])) {
                values.put((String) pairs[i], String.valueOf(pairs[i + 1]));
            }
        }
        return values;
    }

    private static CaseLinks links(Map<String, String> values) {
        CaseLinks link = CaseLinks.registered(null, null);
        values.forEach(link::with);
        return link;
    }

    private static String pageLink(CaseLinks link, int page, int size) {
        return link.copy().with("page", page).with("size", size == 20 ? null : size).toString();
    }

    /** What is wrong with the filters, by field, in the page's words. */
    private Map<String, String> errors(CaseFilters f) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<?> v : validator.validate(f)) {
            errors.put(v.getPropertyPath().toString(), "最多 40 个字");
        }
        if (f.from != null && f.to != null && f.to.isBefore(f.from)) {
            errors.put("to", "结束日期不能早于开始日期");
        }
        return errors;
    }

    private Map<String, String> pagingErrors(PageRequest paging) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<?> v : validator.validate(paging)) {
            errors.put(v.getPropertyPath().toString(), "page".equals(v.getPropertyPath().toString()) ? "页码不能小于 0" : "每页 1 到 200 条");
        }
        return errors;
    }

    /** The filters in force, named as a person reads them (a resident or a place by name, not by id). */
    private Uni<List<Active>> active(CaseFilters f) {
        List<Active> active = new ArrayList<>();
        add(active, "编号", f.number, s -> s);
        add(active, "状态", f.state, CaseState::label);
        add(active, "渠道", f.channel, CaseLabels::channel);
        add(active, "登记日期自", f.from, LocalDate::toString);
        add(active, "登记日期至", f.to, LocalDate::toString);
        add(active, "指标", f.figure, CaseLabels::figure);
        add(active, "未定", f.unplaced, CaseLabels::unplaced);
        add(active, "派单", f.unassigned, u -> u ? "未分配代表" : "已分配代表");
        return named(active, "村", f.villageId, id -> Village.<Village>findById(id).map(v -> v == null ? null : v.name))
                .chain(() -> named(active, "类别", f.categoryId, id -> Category.<Category>findById(id).map(c -> c == null ? null : c.name)))
                .chain(() -> named(active, "工作室", f.workstationId, id -> Workstation.<Workstation>findById(id).map(w -> w == null ? null : w.name)))
                .chain(() -> named(active, "代表", f.representativeId,
                        id -> Representative.<Representative>findById(id).map(r -> r == null ? null : r.name)))
                .chain(() -> named(active, "居民", f.residentId, id -> Resident.<Resident>findById(id).map(r -> r == null ? null : r.name)))
                .replaceWith(active);
    }

    private static <T> void add(List<Active> active, String label, T value, Function<T, String> name) {
        if (value != null) {
            active.add(new Active(label, name.apply(value)));
        }
    }

    private static <T> Uni<Void> named(List<Active> active, String label, T id, Function<T, Uni<String>> name) {
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return name.apply(id).invoke(n -> active.add(new Active(label, n == null ? "#" + id : n))).replaceWithVoid();
    }

    /**
     * The selects' choices: the office chooses among everything; a liaison or group leader among their town's
     * villages and their workstation's representatives (their list is scoped anyway).
     */
    private static Uni<Choices> choices(Caller caller, boolean office) {
        List<Option> states = Arrays.stream(CaseState.values()).map(s -> new Option(s.name(), s.label())).toList();
        List<Option> channels = Arrays.stream(Channel.values()).filter(c -> c != Channel.CONSOLE && c != Channel.WECOM)
                .map(c -> new Option(c.name(), CaseLabels.channel(c))).toList();
        List<Option> figures = Arrays.stream(Figure.values()).map(x -> new Option(x.name(), CaseLabels.figure(x))).toList();
        List<Option> unplaced = Arrays.stream(CaseSearch.Unplaced.values()).map(u -> new Option(u.name(), CaseLabels.unplaced(u))).toList();
        Uni<List<Village>> villages = office ? Village.listAll(Sort.by("name")) : Village.list("townId", Sort.by("name"), caller.townId());
        return villages.chain(v -> Category.<Category>listAll(Sort.by("name")).chain(k -> (office
                        ? Workstation.<Workstation>listAll(Sort.by("name")) : Uni.createFrom().item(List.<Workstation>of()))
                .chain(w -> (office ? Representative.<Representative>list("active = true", Sort.by("name"))
                        : Representative.<Representative>list("active = true and workstationId = ?1", Sort.by("name"), caller.workstationId()))
                        .map(r -> new Choices(states, channels, figures, unplaced, options(v, x -> x.id, x -> x.name),
                                options(k, x -> x.id, x -> x.name), options(w, x -> x.id, x -> x.name), options(r, x -> x.id, x -> x.name))))));
    }

    private static <E> List<Option> options(List<E> list, Function<E, Long> id, Function<E, String> name) {
        return list.stream().map(e -> new Option(String.valueOf(id.apply(e)), name.apply(e))).toList();
    }
}
