package cn.lianxin.console;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Problem;
import cn.lianxin.api.Roles;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.rest.CaseResource.CaseRequest;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.residents.ResidentDirectory;
import cn.lianxin.residents.ResidentResource.ResidentRequest;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * 登记: a walk-in or a phone call registered at the desk. The clerk finds the resident by name or number (masked in
 * the list) or enters a new one in the same form, and registers the concern — through {@link ResidentDirectory} and
 * {@link CaseRegistration}, as {@code POST /api/residents} and {@code POST /api/cases} do, so a liaison registers for
 * their own workstation. Invalid input comes back as the form with the errors at their fields (422).
 */
@Path("/console/register")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON})
@Produces(MediaType.TEXT_HTML)
public class RegisterPage {

    /** The channels a concern reaches the desk by. */
    static final List<Choice> CHANNELS = List.of(new Choice(Channel.WALK_IN.name(), "来访"), new Choice(Channel.PHONE.name(), "来电"),
            new Choice(Channel.VISIT.name(), "走访"));
    static final int MATCHES = 10;
    /** The form's value for "none of the residents found: a new one". */
    static final String NEW_RESIDENT = "new";

    public record Choice(String value, String label) {
    }

    /** What the selects offer: the caller's villages (a liaison's are their workstation's), the categories, the channels. */
    public record Choices(List<Choice> villages, List<Choice> categories, List<Choice> channels) {
    }

    /** A resident found, as the list shows them: never the full number. */
    public record Match(UUID id, String name, String phone, String village, boolean miniProgram) {
    }

    /** The form as it was posted, so that it comes back as typed with its errors. */
    public static class Form {
        @FormParam("residentId") public String residentId;
        @FormParam("name") public String name;
        @FormParam("phone") public String phone;
        @FormParam("villageId") public String villageId;
        @FormParam("categoryId") public String categoryId;
        @FormParam("channel") public String channel;
        @FormParam("text") public String text;

        boolean newResident() {
            return residentId == null || residentId.isBlank() || NEW_RESIDENT.equals(residentId);
        }
    }

    /** The registered case, as the clerk tells the resident: its number, and where it went. */
    public record Registered(UUID id, String number, String placement) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance register(Frame frame, Choices choices, Form form, Map<String, String> errors);

        static native TemplateInstance form(Choices choices, Form form, Map<String, String> errors);

        static native TemplateInstance matches(List<Match> matches, String problem);

        static native TemplateInstance done(Registered registered);
    }

    private final ResidentDirectory residents;
    private final CaseRegistration registration;
    private final Validator validator;
    private final Frame.Frames frames;

    public RegisterPage(ResidentDirectory residents, CaseRegistration registration, Validator validator, Frame.Frames frames) {
        this.residents = residents;
        this.registration = registration;
        this.validator = validator;
        this.frames = frames;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> page() {
        Frame frame = frames.of("register");
        return choices(frame.caller()).map(choices -> Templates.register(frame, choices, new Form(), Map.of()));
    }

    /** The residents matching what was typed: a whole mobile number is looked up exactly, anything else as a name. */
    @GET
    @Path("/residents")
    @WithSession
    public Uni<TemplateInstance> matches(@QueryParam("q") String q) {
        return find(residents, frames.caller(), q, Templates::matches);
    }

    /**
     * In a session: the caller's residents matching a whole mobile number exactly, or else a name, rendered with the
     * problem when nothing usable was typed (also 视频预约's lookup of a phone caller).
     */
    static <T> Uni<T> find(ResidentDirectory residents, Caller caller, String q, BiFunction<List<Match>, String, T> render) {
        String typed = q == null ? "" : q.strip();
        if (typed.isEmpty() || typed.length() > 50) {
            return Uni.createFrom().item(render.apply(List.of(), "请输入居民的姓名或完整手机号"));
        }
        boolean phone = PhoneNumber.parse(typed).isPresent();
        PageRequest first = new PageRequest();
        first.size = MATCHES;
        return residents.find(caller, new ResidentDirectory.Query(phone ? typed : null, phone ? null : typed, null), first)
                .chain(found -> villageNames(caller).map(names -> found.items().stream()
                        .map(r -> new Match(r.id, r.name, r.phoneMasked, r.villageId == null ? null : names.get(r.villageId), r.openid != null))
                        .toList()))
                .map(list -> render.apply(list, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @WithSession
    public Uni<Response> register(@BeanParam Form form) {
        Frame frame = frames.of("register");
        Caller caller = frame.caller();
        return choices(caller).chain(choices -> {
            Map<String, String> errors = validate(form);
            if (!errors.isEmpty()) {
                return Uni.createFrom().item(invalid(choices, form, errors));
            }
            return Panache.withTransaction(() -> resident(caller, form)
                            .chain(residentId -> registration.register(CaseRegistration.RegisterCase.byStaff(caller, residentId,
                                    Long.valueOf(form.villageId), Long.parseLong(form.categoryId), Channel.valueOf(form.channel), form.text),
                                    caller.username())))
                    .chain(RegisterPage::registered)
                    .map(done -> Response.ok(Templates.done(done)).build())
                    .onFailure(RegisterPage::atAField).recoverWithItem(e -> invalid(choices, form, fieldErrors((ApiException) e)));
        });
    }

    /** The chosen resident, or the new one registered now (a number already known is that resident). */
    private Uni<UUID> resident(Caller caller, Form form) {
        if (!form.newResident()) {
            return Uni.createFrom().item(UUID.fromString(form.residentId));
        }
        return residents.register(caller, form.name, form.phone, Long.valueOf(form.villageId)).map(r -> r.resident().id);
    }

    /** The API's own constraints on its two requests, read at the form's fields; then what the form adds. */
    private Map<String, String> validate(Form form) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long village = number(form.villageId, "villageId", errors);
        Long category = number(form.categoryId, "categoryId", errors);
        Channel channel = CHANNELS.stream().anyMatch(c -> c.value().equals(form.channel)) ? Channel.valueOf(form.channel) : null;
        UUID residentId = form.newResident() ? null : uuid(form.residentId, errors);
        Set<ConstraintViolation<CaseRequest>> caseViolations = validator.validate(new CaseRequest(residentId, village, category, channel, form.text));
        caseViolations.forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), message(v.getPropertyPath().toString())));
        if (form.newResident()) {
            errors.remove("residentId");
            validator.validate(new ResidentRequest(form.name, form.phone, village))
                    .forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(), message(v.getPropertyPath().toString())));
            if (!errors.containsKey("phone") && PhoneNumber.parse(form.phone).isEmpty()) {
                errors.put("phone", message("phone"));
            }
        }
        return errors;
    }

    private static Long number(String value, String field, Map<String, String> errors) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            errors.put(field, message(field));
            return null;
        }
    }

    private static UUID uuid(String value, Map<String, String> errors) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.put("residentId", message("residentId"));
            return null;
        }
    }

    /** What to tell the clerk at each field; the API's English words are for API clients. */
    private static String message(String field) {
        return switch (field) {
            case "residentId" -> "请从查找结果中选择居民，或选择“登记新居民”";
            case "name" -> "请填写居民姓名（不超过50字）";
            case "phone" -> "请填写正确的手机号（11位大陆手机号）";
            case "villageId" -> "请选择居民所在的村";
            case "categoryId" -> "请选择诉求类别";
            case "channel" -> "请选择登记方式";
            case "text" -> "请填写诉求内容（不超过2000字）";
            default -> "请检查此项";
        };
    }

    private static boolean atAField(Throwable e) {
        return e instanceof ApiException api && api.problem().status() == 422 && !api.problem().errors().isEmpty();
    }

    /** The services' refusals (a village the workstation does not cover, a deactivated category) at their fields. */
    private static Map<String, String> fieldErrors(ApiException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Problem.FieldError error : e.problem().errors()) {
            errors.putIfAbsent(error.field(), "villageId".equals(error.field()) && error.message().contains("workstation")
                    ? "这个村不在本工作室的覆盖范围内" : message(error.field()));
        }
        return errors;
    }

    private static Response invalid(Choices choices, Form form, Map<String, String> errors) {
        return Response.status(422).entity(Templates.form(choices, form, errors)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** Where routing placed the case: with whom, or why it waits in the dispatch queue. */
    private static Uni<Registered> registered(Case c) {
        if (c.representativeId == null) {
            String reasons = String.join("；", c.routingReasons == null ? new String[0] : c.routingReasons);
            return Uni.createFrom().item(new Registered(c.id, c.number, "待派单：" + reasons));
        }
        return Representative.<Representative>findById(c.representativeId)
                .map(r -> new Registered(c.id, c.number, "已自动分派给党代表 " + (r == null ? "" : r.name)));
    }

    /** A liaison registers for the villages their workstation covers; the town office for every active village. */
    private Uni<Choices> choices(Caller caller) {
        Uni<List<Village>> villages = caller.is(StaffRole.TOWN_OFFICE) || caller.workstationId() == null
                ? Village.<Village>list("active = true order by name, id")
                : Workstation.<Workstation>findById(caller.workstationId()).chain(w -> w == null || w.villageIds.isEmpty()
                        ? Uni.createFrom().item(List.<Village>of())
                        : Village.<Village>list("id in ?1 and active = true order by name, id", w.villageIds));
        return villages.chain(vs -> Category.<Category>list("active = true order by name, id").map(cs -> new Choices(
                vs.stream().map(v -> new Choice(String.valueOf(v.id), v.name)).toList(),
                cs.stream().map(c -> new Choice(String.valueOf(c.id), c.name)).toList(),
                CHANNELS)));
    }

    /** The names of the villages the found residents may live in: the caller's town's (every village for the office). */
    private static Uni<Map<Long, String>> villageNames(Caller caller) {
        Uni<List<Village>> villages = caller.townId() == null ? Village.<Village>listAll() : Village.<Village>list("townId", caller.townId());
        return villages.map(vs -> vs.stream().collect(Collectors.toMap(v -> v.id, v -> v.name, (a, b) -> a)));
    }
}
