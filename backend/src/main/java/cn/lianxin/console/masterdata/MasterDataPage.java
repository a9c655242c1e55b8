package cn.lianxin.console.masterdata;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import cn.lianxin.api.ProblemMappers;
import cn.lianxin.api.Roles;
import cn.lianxin.console.Frame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 基础数据, for the town office only: one tab per kind of master data (towns, constituencies, villages, workstations,
 * representatives, categories, staff accounts, the working calendar), each with its list, a create form and an edit
 * form. A form becomes the API's own request, is checked with the API's constraints and saved by the API's services;
 * what they refuse comes back at the field it names, in the form re-rendered with 422 (which htmx swaps in).
 */
@Path("/console/masterdata")
@RolesAllowed(Roles.TOWN_OFFICE)
@Produces(MediaType.TEXT_HTML)
public class MasterDataPage {

    static final String PATH = "/console/masterdata";

    /** A tab of the page's own navigation. */
    public record Tab(String path, String title) {
        public String href() {
            return PATH + "/" + path;
        }
    }

    /** A form as drawn: where it is sent, with which method, and its fields with their errors. */
    public record EditForm(String heading, String action, boolean put, String cancel, List<FormField> fields, List<String> otherErrors) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(Frame frame, List<Tab> tabs, Tab tab, String noun, Listing listing, List<FormField> filters,
                String pagerQuery, String removal, String removeLabel, boolean saved);

        static native TemplateInstance form(Frame frame, List<Tab> tabs, Tab tab, EditForm form);

        static native TemplateInstance form$form(EditForm form);
    }

    private final Map<String, Editor<?, ?>> editors = new LinkedHashMap<>();
    private final List<Tab> tabs;
    private final Frame.Frames frames;
    private final Validator validator;

    public MasterDataPage(TownEditor towns, ConstituencyEditor constituencies, VillageEditor villages, WorkstationEditor workstations,
            RepresentativeEditor representatives, CategoryEditor categories, StaffEditor staff, CalendarEditor calendar,
            Frame.Frames frames, Validator validator) {
        for (Editor<?, ?> editor : List.of(towns, constituencies, villages, workstations, representatives, categories, staff, calendar)) {
            editors.put(editor.path, editor);
        }
        this.tabs = editors.values().stream().map(e -> new Tab(e.path, e.title)).toList();
        this.frames = frames;
        this.validator = validator;
    }

    @GET
    public Response index() {
        return Response.seeOther(URI.create(tabs.get(0).href())).build();
    }

    @GET
    @Path("{tab}")
    @WithSession
    public Uni<TemplateInstance> list(@PathParam("tab") String tab, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("saved") boolean saved, @Context UriInfo uri) {
        Editor<?, ?> editor = editor(tab);
        Map<String, List<String>> filters = new LinkedHashMap<>(uri.getQueryParameters());
        filters.remove("page");
        filters.remove("saved");
        FormState query = FormState.of(filters);
        return editor.filters(query).chain(fields -> editor.list(page, query).map(listing -> Templates.list(frames.of("masterdata"), tabs,
                tabOf(editor), editor.noun, listing, fields, pagerQuery(filters), editor.removal().name(), editor.removeLabel(), saved)));
    }

    /** The filters again, for the pager's links: a page turn keeps what the list is narrowed to. */
    private static String pagerQuery(Map<String, List<String>> filters) {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, values) -> values.stream().filter(v -> !v.isBlank()).forEach(v -> query.append('&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return query.toString();
    }

    @GET
    @Path("{tab}/new")
    @WithSession
    public Uni<TemplateInstance> createForm(@PathParam("tab") String tab) {
        Editor<?, ?> editor = editor(tab);
        return form(editor, FormState.empty(), null).map(form -> Templates.form(frames.of("masterdata"), tabs, tabOf(editor), form));
    }

    @GET
    @Path("{tab}/{key}")
    @WithSession
    public Uni<TemplateInstance> editForm(@PathParam("tab") String tab, @PathParam("key") String key) {
        return editForm(editor(tab), key);
    }

    private <E, R> Uni<TemplateInstance> editForm(Editor<E, R> editor, String key) {
        return editor.find(key).chain(record -> form(editor, editor.stored(record), key))
                .map(form -> Templates.form(frames.of("masterdata"), tabs, tabOf(editor), form));
    }

    @POST
    @Path("{tab}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @WithSession
    public Uni<Response> create(@PathParam("tab") String tab, MultivaluedMap<String, String> submitted) {
        return save(editor(tab), submitted, null);
    }

    @PUT
    @Path("{tab}/{key}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @WithSession
    public Uni<Response> update(@PathParam("tab") String tab, @PathParam("key") String key, MultivaluedMap<String, String> submitted) {
        return save(editor(tab), submitted, key);
    }

    @POST
    @Path("{tab}/{key}/deactivate")
    @WithSession
    public Uni<Response> deactivate(@PathParam("tab") String tab, @PathParam("key") String key) {
        return remove(editor(tab), Editor.Removal.DEACTIVATE, key);
    }

    @DELETE
    @Path("{tab}/{key}")
    @WithSession
    public Uni<Response> delete(@PathParam("tab") String tab, @PathParam("key") String key) {
        return remove(editor(tab), Editor.Removal.DELETE, key);
    }

    private Uni<Response> remove(Editor<?, ?> editor, Editor.Removal removal, String key) {
        if (editor.removal() != removal) {
            throw ApiException.notFound("This action on " + editor.path);
        }
        // The list is drawn again whole: the row's state and any count on the page change together.
        return editor.inTransaction(() -> editor.remove(key)).map(done -> Response.ok().header("HX-Refresh", "true").build());
    }

    /**
     * Reads the form into the API's request, checks it with the request's constraints, and saves it through the
     * editor's service in a transaction of its own. A refusal naming fields — or a unique constraint, which names
     * the editor's unique field — renders the form again with the errors at their fields; nothing is stored.
     */
    private <E, R> Uni<Response> save(Editor<E, R> editor, MultivaluedMap<String, String> submitted, String key) {
        boolean creating = key == null;
        FormState state = FormState.of(submitted);
        R request = editor.request(state, creating);
        validator.validate(request).forEach(v -> state.error(FieldMessages.field(v), FieldMessages.of(v)));
        if (state.hasErrors()) {
            return invalid(editor, state, key);
        }
        Uni<E> saving = editor.inTransaction(() -> creating ? editor.create(request) : editor.update(key, request));
        return saving.map(saved -> Response.ok().header("HX-Redirect", PATH + "/" + editor.path + "?saved=true").build())
                .onFailure(MasterDataPage::refusesFields).recoverWithUni(failure -> {
                    if (ProblemMappers.isUniqueViolation(failure)) {
                        state.error(editor.uniqueField(), FieldMessages.DUPLICATE);
                    } else {
                        ((ApiException) failure).problem().errors().forEach(e -> state.error(e.field(), FieldMessages.ofApi(e.message())));
                    }
                    // The failed change is rolled back; what it left in the session must not be flushed by the next read.
                    return Panache.getSession().invoke(s -> s.clear()).chain(() -> invalid(editor, state, key));
                });
    }

    private static boolean refusesFields(Throwable failure) {
        if (failure instanceof ApiException api) {
            Problem problem = api.problem();
            return problem.status() == 422 && !problem.errors().isEmpty();
        }
        return ProblemMappers.isUniqueViolation(failure);
    }

    private Uni<Response> invalid(Editor<?, ?> editor, FormState state, String key) {
        return form(editor, state, key).map(form -> Response.status(422).entity(Templates.form$form(form)).type(MediaType.TEXT_HTML_TYPE).build());
    }

    private Uni<EditForm> form(Editor<?, ?> editor, FormState state, String key) {
        boolean creating = key == null;
        String list = PATH + "/" + editor.path;
        return editor.fields(state, creating).map(fields -> new EditForm(
                creating ? "新建" + editor.noun : "编辑" + editor.noun,
                creating ? list : list + "/" + key, !creating, list, fields, state.otherErrors(fields)));
    }

    private Editor<?, ?> editor(String tab) {
        Editor<?, ?> editor = editors.get(tab);
        if (editor == null) {
            throw ApiException.notFound("The master-data tab " + tab);
        }
        return editor;
    }

    private static Tab tabOf(Editor<?, ?> editor) {
        return new Tab(editor.path, editor.title);
    }
}
