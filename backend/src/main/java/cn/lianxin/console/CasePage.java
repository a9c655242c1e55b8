package cn.lianxin.console;

import cn.lianxin.audit.ReadAudit;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Roles;
import cn.lianxin.attachments.Upload;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.CaseCommands;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.cases.ResidentHistories;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.cases.domain.RevisitOutcome;
import cn.lianxin.cases.domain.HandlingClass;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.cases.rest.CaseFilesResource;
import cn.lianxin.cases.rest.CommandRequests;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.notifications.MessageSearch;
import cn.lianxin.rights.ResidentData;
import cn.lianxin.rights.ResidentErasure;
import cn.lianxin.notifications.OutboundMessage;
import cn.lianxin.notifications.RecipientKind;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One case: the six steps with when each was reached, the record, the resident and their other cases (phone
 * masked), photos and reply attachments, every message sent on it with its delivery, and the commands the caller may
 * give it now — exactly {@link Transitions#allowed}, each carried out by {@link CaseLifecycle#execute} with the
 * command the API's mapping ({@link CommandRequests}) builds. A case the caller may not see is the API's 404.
 */
@Path("/console/cases/{id: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}")
@RolesAllowed({Roles.TOWN_OFFICE, Roles.LIAISON, Roles.GROUP_LEADER})
@Produces(MediaType.TEXT_HTML)
public class CasePage {

    /** Enough of a case's messages for a page; a case with more is unusual and the message log has them all. */
    static final int MESSAGES = 200;

    /** A step of the six: done, current or still ahead, and when the case last reached it. */
    public record Step(String label, String at, String status) {
    }

    public record Line(String at, String actor, String action, String channel, String detail) {
    }

    public record File(String url, String contentType, boolean image, long size) {
    }

    /** A photo WeChat's content check found risky, hidden from staff: the town office looks, then releases or keeps it hidden. */
    public record HiddenPhoto(UUID id, String url, String label, boolean reviewed, String reviewedBy, String reviewedAt) {
    }

    public record Message(String at, String channel, String recipient, String template, String body, OutboundMessage.Status status,
            String statusLabel, int attempts, String lastError, String sentAt) {
    }

    public record Past(UUID id, String number, String registeredAt, String stateLabel, String channel, String excerpt, boolean current) {
    }

    public record Option(String value, String label) {
    }

    /**
     * A command the caller may give now, the fields its request record has (its form's inputs), and, when it was
     * refused, what was typed and the errors by field.
     */
    @TemplateData
    public record Command(String name, String label, List<String> fields, String prompt, Map<String, String> values,
            Map<String, String> errors) {
        public boolean has(String field) {
            return fields.contains(field);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }

        Command refused(Map<String, String> typed, Map<String, String> why) {
            return new Command(name, label, fields, prompt, typed, why);
        }
    }

    /** What the command forms choose from. */
    @TemplateData
    public record Choices(List<Option> villages, List<Option> representatives, List<Option> handling, List<Option> feedback,
            List<Option> outcomes) {
    }

    public record View(UUID id, CaseRows.Row row, String text, String handling, boolean awaitingInstruction, int reopenCount,
            List<String> routingReasons, String signForDueAt, String replyDueAt, String resolveDueAt, String reply,
            List<String> replyLinks, String repliedAt, String feedback, String feedbackComment, String registeredBy,
            List<Step> timeline, List<Line> record, ResidentHistories.ResidentHistory resident, List<Past> past,
            List<File> photos, List<HiddenPhoto> hiddenPhotos, List<File> attachments, List<Message> messages, long messageTotal,
            List<Command> commands, Choices choices, boolean mayCallResident) {
    }

    /** 归档材料: the case's whole record, with its revisit in words and the time the dossier was made. */
    public record Dossier(View view, String revisit, String revisitedAt, String madeAt) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance detail(Frame frame, View view);

        /** Well-formed XHTML for {@link ReportPdf}. */
        static native TemplateInstance dossier(Dossier dossier);

        /** The case's part of the page alone: what htmx swaps in after a command. */
        static native TemplateInstance body(Frame frame, View view);

        /** One command's form again, with what was typed and the errors at their fields. */
        static native TemplateInstance command(UUID caseId, Command command, Choices choices);
    }

    private final Frame.Frames frames;
    private final ResidentData data;
    private final ResidentErasure erasure;
    private final CaseLifecycle lifecycle;
    private final CaseCommands commands;
    private final ResidentHistories histories;
    private final Uploads uploads;
    private final CaseRows rows;
    private final CommandForms forms;
    private final ReportPdf pdf;
    private final Clock clock;

    public CasePage(Frame.Frames frames, CaseLifecycle lifecycle, CaseCommands commands, ResidentHistories histories, Uploads uploads,
            CaseRows rows, CommandForms forms, ResidentData data, ResidentErasure erasure, ReportPdf pdf, Clock clock) {
        this.pdf = pdf;
        this.clock = clock;
        this.data = data;
        this.erasure = erasure;
        this.frames = frames;
        this.lifecycle = lifecycle;
        this.commands = commands;
        this.histories = histories;
        this.uploads = uploads;
        this.rows = rows;
        this.forms = forms;
    }

    @GET
    @WithSession
    public Uni<TemplateInstance> detail(@PathParam("id") UUID id, @HeaderParam("HX-Request") String htmx,
            @HeaderParam("HX-History-Restore-Request") String restoring) {
        Frame frame = frames.of("cases");
        boolean partial = htmx != null && restoring == null;
        return lifecycle.read(id, frame.caller(), ReadAudit.Action.CASE_READ).chain(c -> view(c, frame.caller()))
                .map(view -> partial ? Templates.body(frame, view) : Templates.detail(frame, view));
    }

    /**
     * 归档材料 of an archived case: the page's own view of it (personal data as the caller may see it on the page) laid
     * out as a PDF by the reports' renderer. The reading is audited like the page's; before archiving it is 409.
     */
    @GET
    @Path("dossier.pdf")
    @Produces("application/pdf")
    @WithSession
    public Uni<Response> dossier(@PathParam("id") UUID id) {
        Caller caller = frames.caller();
        return lifecycle.read(id, caller, ReadAudit.Action.CASE_READ).chain(c -> {
            if (c.state != CaseState.ARCHIVED) {
                return Uni.createFrom().failure(ApiException.conflict("只有已归档的诉求才有归档材料 (the case is not archived)"));
            }
            return view(c, caller).map(v -> Templates.dossier(new Dossier(v, c.revisitOutcome == null ? "尚未回访" : c.revisitOutcome.label(),
                            rows.time(c.revisitedAt), rows.time(OffsetDateTime.now(clock)))).render())
                    .chain(pdf::render)
                    .map(bytes -> Response.ok(bytes, "application/pdf").header(HttpHeaders.CONTENT_DISPOSITION,
                            ReportsPage.attachment("诉求" + c.number + "归档材料.pdf", "dossier-" + c.number + ".pdf")).build());
        });
    }

    /** The resident's number in clear for who calls them back, swapped in for the masked one; the reading is audited. */
    @GET
    @Path("resident-phone")
    @WithSession
    public Uni<String> residentPhone(@PathParam("id") UUID id) {
        Caller caller = frames.caller();
        return lifecycle.visible(id, caller).chain(c -> histories.phoneInClear(c, caller))
                .map(phone -> "<span id=\"resident-phone\">" + (phone == null ? "—" : phone) + "</span>");
    }

    /**
     * Gives one command. Done: the browser is told to read the case again and swap in its part ({@code HX-Location}).
     * What the command carries is wrong: its form again with the errors at their fields (422). Any other refusal
     * (403, 404, 409) is the API's problem, which the page shows in its alert.
     */
    @POST
    @Path("commands/{kind}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @WithSession
    public Uni<Response> command(@PathParam("id") UUID id, @PathParam("kind") CommandKind kind, MultivaluedMap<String, String> form) {
        Frame frame = frames.of("cases");
        Caller caller = frame.caller();
        CommandRequests.Route<?> route = CommandRequests.of(kind);
        return lifecycle.visible(id, caller).chain(c -> choices(c, caller)).chain(choices -> {
            CommandForms.Bound bound = forms.bind(route, form);
            Command command = command(kind);
            if (!bound.valid()) {
                return invalid(id, command, choices, bound.values(), bound.errors());
            }
            // Done: the browser reads the case afresh (a new request, the committed state) and swaps in its part.
            String location = "{\"path\":\"/console/cases/" + id + "\",\"target\":\"#case\",\"swap\":\"outerHTML\"}";
            return Uni.createFrom().item(() -> route.ofBound(bound.request()))
                    .chain(built -> commands.give(id, built, caller))
                    .map(done -> Response.noContent().header("HX-Location", location).build())
                    .onFailure(CommandForms::atAField)
                    .recoverWithUni(e -> invalid(id, command, choices, bound.values(), CommandForms.errorOf(e)));
        });
    }

    private static Uni<Response> invalid(UUID id, Command command, Choices choices, Map<String, String> values, Map<String, String> errors) {
        return Templates.command(id, command.refused(values, errors), choices).createUni()
                .map(html -> Response.status(422).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build());
    }

    private Uni<View> view(Case c, Caller caller) {
        List<Command> commands = Transitions.allowed(caller, c).stream().map(CasePage::command).toList();
        return CaseActivity.<CaseActivity>list("caseId = ?1 order by id", c.id).chain(record -> rows.names(List.of(c)).chain(names ->
                histories.of(c, caller).chain(resident -> uploads.photosForStaffOf(c.id).chain(photos -> hidden(c, caller).chain(hidden ->
                        uploads.replyAttachmentsOf(c.id, c.replyText != null).chain(attachments ->
                                caseMessages(c.id).chain(sent -> choices(c, caller).map(choices -> new View(c.id, rows.row(c, names), c.text,
                                        c.handlingClass == null ? "" : CaseLabels.handling(c.handlingClass), c.awaitingInstruction,
                                        c.reopenCount, c.routingReasons == null ? List.of() : List.of(c.routingReasons),
                                        rows.time(c.signForDueAt), rows.time(c.replyDueAt), rows.time(c.resolveDueAt), c.replyText,
                                        List.of(c.replyAttachments), rows.time(c.repliedAt), CaseLabels.feedback(c.feedback),
                                        c.feedbackComment, c.registeredBy, timeline(c, record), lines(record), resident,
                                        past(c, resident), files(c.id, "photos", photos), hidden, files(c.id, "attachments", attachments),
                                        sent.items().stream().map(this::message).toList(), sent.total(), commands, choices,
                                        Transitions.mayCallResident(caller, c))))))))));
    }

    /** Only the town office sees hidden photos, to review them. */
    private Uni<List<HiddenPhoto>> hidden(Case c, Caller caller) {
        if (!caller.is(StaffRole.TOWN_OFFICE)) {
            return Uni.createFrom().item(List.of());
        }
        return uploads.hiddenPhotosOf(c.id).map(found -> found.stream().map(u -> new HiddenPhoto(u.id, CaseFilesResource.url(c.id, "photos", u.id),
                u.mediaLabel, u.reviewedAt != null, u.reviewedBy, rows.time(u.reviewedAt))).toList());
    }

    /** The resident asked the town office for what is held about them (an SMS resident has no mini-program). */
    @GET
    @Path("resident/data.json")
    @RolesAllowed(Roles.TOWN_OFFICE)
    @WithSession
    public Uni<Response> residentData(@PathParam("id") UUID id) {
        Caller caller = frames.of("cases").caller();
        return lifecycle.visible(id, caller).chain(c -> data.readBy(caller, c.residentId))
                .map(document -> Response.ok(document.encode(), MediaType.APPLICATION_JSON_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"resident-data.json\"").build());
    }

    /** The resident asked the town office to erase their personal data: done, and the case read again (anonymised). */
    @POST
    @Path("resident/erasure")
    @RolesAllowed(Roles.TOWN_OFFICE)
    @WithSession
    public Uni<Response> eraseResident(@PathParam("id") UUID id) {
        Caller caller = frames.of("cases").caller();
        String location = "{\"path\":\"/console/cases/" + id + "\",\"target\":\"#case\",\"swap\":\"outerHTML\"}";
        return lifecycle.visible(id, caller).chain(c -> erasure.erase(c.residentId, ResidentErasure.Via.TOWN_OFFICE, caller.username()))
                .map(done -> Response.noContent().header("HX-Location", location).build());
    }

    /**
     * The town office has looked at a hidden photo: {@code release} shows it to staff again, {@code keep-hidden} keeps
     * it hidden (and says who looked). The browser then reads the case again, like after a command.
     */
    @POST
    @Path("photos/{photo}/{decision: release|keep-hidden}")
    @RolesAllowed(Roles.TOWN_OFFICE)
    @WithTransaction
    public Uni<Response> review(@PathParam("id") UUID id, @PathParam("photo") UUID photo, @PathParam("decision") String decision) {
        Caller caller = frames.of("cases").caller();
        String location = "{\"path\":\"/console/cases/" + id + "\",\"target\":\"#case\",\"swap\":\"outerHTML\"}";
        return lifecycle.visible(id, caller).chain(c -> uploads.review(c.id, photo, caller.username(), "release".equals(decision)))
                .map(done -> Response.noContent().header("HX-Location", location).build());
    }

    /** The messages of the case from the message log's own query, newest first. */
    private Uni<Page<OutboundMessage>> caseMessages(UUID caseId) {
        PageRequest page = new PageRequest();
        page.size = MESSAGES;
        return new MessageSearch(caseId, null, null, null, null, null, null, null, null).page(rows.zone(), page);
    }

    /**
     * 登记 is when the case was registered; every later step up to the current one shows the last time the record
     * entered it (a transfer or a reopen goes back, and the case reaches the step again). Steps ahead have no time.
     */
    private List<Step> timeline(Case c, List<CaseActivity> record) {
        List<Step> steps = new ArrayList<>();
        for (CaseState step : CaseState.values()) {
            String status = step == c.state ? "current" : step.ordinal() < c.state.ordinal() ? "done" : "pending";
            OffsetDateTime at = null;
            if (step == CaseState.REGISTERED) {
                at = c.registeredAt;
            } else if (!"pending".equals(status)) {
                for (CaseActivity line : record) {
                    if (line.toState == step && line.fromState != step) {
                        at = line.at;
                    }
                }
            }
            steps.add(new Step(step.label(), rows.time(at), status));
        }
        return steps;
    }

    private List<Line> lines(List<CaseActivity> record) {
        return record.stream().map(a -> new Line(rows.time(a.at), a.actor, CaseLabels.action(a.action), CaseLabels.channel(a.channel),
                a.detail == null ? "" : a.detail)).toList();
    }

    private List<Past> past(Case c, ResidentHistories.ResidentHistory resident) {
        return resident.cases().stream().map(p -> new Past(p.id(), p.number(), rows.time(p.registeredAt()), p.stateLabel(),
                CaseLabels.channel(p.channel()), p.text().length() > 40 ? p.text().substring(0, 40) + "…" : p.text(), p.id().equals(c.id)))
                .toList();
    }

    private static List<File> files(UUID caseId, String kind, List<Upload> uploads) {
        return uploads.stream().map(u -> new File(CaseFilesResource.url(caseId, kind, u.id), u.contentType,
                u.contentType != null && u.contentType.startsWith("image/"), u.size)).toList();
    }

    private Message message(OutboundMessage m) {
        return new Message(rows.time(m.createdAt), CaseLabels.messageChannel(m.channel), recipient(m.recipientKind), m.template,
                m.body == null ? "" : m.body, m.status, CaseLabels.delivery(m.status), m.attempts, m.lastError, rows.time(m.sentAt));
    }

    private static String recipient(RecipientKind kind) {
        return switch (kind) {
            case RESIDENT -> "居民";
            case REPRESENTATIVE -> "代表";
            case TOWN_OFFICE -> "镇党委办公室";
            case WECOM_USER -> "企业微信用户";
        };
    }

    static Command command(CommandKind kind) {
        Class<?> body = CommandRequests.of(kind).body();
        List<String> fields = body == Void.class ? List.of() : Arrays.stream(body.getRecordComponents()).map(RecordComponent::getName)
                // Uploading files is the API's (POST /api/attachments); the page attaches links.
                .filter(name -> !"attachmentIds".equals(name)).toList();
        return new Command(kind.name(), kind.label(), fields, prompt(kind), Map.of(), Map.of());
    }

    /** What the text of a command is, for its label. */
    private static String prompt(CommandKind kind) {
        return switch (kind) {
            case ADD_NOTE -> "办理进展";
            case ESCALATE -> "请示事项";
            case RECORD_INSTRUCTION -> "批示内容";
            case RETURN_TO_DISPATCH -> "退回原因";
            case REPLY -> "回复内容（发送给居民）";
            case REOPEN -> "重新办理原因";
            case REVISIT -> "回访情况";
            default -> "说明";
        };
    }

    /**
     * The forms' choices: the villages of the case's town; the representatives the caller may hand it to (any for
     * the office, their own workstation's for others — the lifecycle refuses the rest), not the one it is with.
     */
    private static Uni<Choices> choices(Case c, Caller caller) {
        boolean office = caller.is(StaffRole.TOWN_OFFICE);
        Uni<List<Representative>> representatives = office
                ? Representative.list("active = true and workstationId in (select w.id from Workstation w where w.townId = ?1)", Sort.by("name"), c.townId)
                : Representative.list("active = true and workstationId = ?1", Sort.by("name"), caller.workstationId());
        List<Option> handling = Arrays.stream(HandlingClass.values()).map(h -> new Option(h.name(), CaseLabels.handling(h))).toList();
        List<Option> feedback = Arrays.stream(Feedback.values()).map(f -> new Option(f.name(), CaseLabels.feedback(f))).toList();
        List<Option> outcomes = Arrays.stream(RevisitOutcome.values()).map(o -> new Option(o.name(), o.label())).toList();
        return Village.<Village>list("townId = ?1 and active = true", Sort.by("name"), c.townId).chain(villages -> representatives.map(reps ->
                new Choices(villages.stream().map(v -> new Option(String.valueOf(v.id), v.name)).toList(),
                        reps.stream().filter(r -> !r.id.equals(c.representativeId)).map(r -> new Option(String.valueOf(r.id), r.name)).toList(),
                        handling, feedback, outcomes)));
    }
}
