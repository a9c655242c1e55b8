package cn.lianxin.channels.miniprogram;

import cn.lianxin.attachments.Uploads;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.api.Problem;
import cn.lianxin.api.Roles;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.questions.PublicQuestion;
import cn.lianxin.questions.PublicQuestions;
import cn.lianxin.residents.Resident;
import cn.lianxin.rights.Consents;
import cn.lianxin.rights.ResidentData;
import cn.lianxin.rights.ResidentErasure;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The mini-program's API. Sign-in and refresh are open; everything else takes the resident's bearer token
 * (role RESIDENT), which no staff endpoint accepts. Contract in the package README.
 */
@Path("/api/mp")
@RolesAllowed(Roles.RESIDENT)
@Tag(name = "Mini-program")
public class MiniProgramResource {

    // Every text has a size limit here, the edge: an oversized one is 422 naming it, before anything is stored.
    public record LoginRequest(@Size(max = MAX_CODE) @Pattern(regexp = CODE, message = CODE_REFUSED) String code) {
    }

    public record RefreshRequest(@Size(max = MAX_CODE) String refreshToken) {
    }

    public record ResidentView(UUID id, boolean phoneBound, String maskedPhone, Long villageId, String name) {
        static ResidentView of(Resident r) {
            return new ResidentView(r.id, r.phoneMasked != null, r.phoneMasked, r.villageId, r.name);
        }
    }

    public record SessionView(String token, Instant expiresAt, String refreshToken, ResidentView resident) {
    }

    /** The resident's own correction: their village, and their name when given. */
    public record VillageRequest(Long villageId, @Size(max = 50) String name) {
    }

    public record NoticeRequest(@Size(max = 40) String version) {
    }

    public record PhoneRequest(@Size(max = MAX_CODE) @Pattern(regexp = CODE, message = CODE_REFUSED) String code) {
    }

    /** {@code token}/{@code refreshToken} only when a merge moved the session onto another resident. */
    public record PhoneView(String maskedPhone, boolean merged, String token, Instant expiresAt, String refreshToken,
            ResidentView resident) {
    }

    public record UploadView(UUID id, String contentType, long size, String sha256) {
    }

    public record SubmitView(UUID id, String number, String state, boolean flagged) {
    }

    /** As much as staff may record for a resident ({@code POST /api/cases/{id}/commands/feedback}). */
    public record FeedbackRequest(Feedback rating, @Size(max = 500) String comment) {
    }

    public record ReopenRequest(@Size(max = 500) String reason) {
    }

    /** 公开提问. {@code categoryId} may be left out: the question is then of the town's catch-all category. */
    public record QuestionRequest(String text, Long villageId, Long categoryId, boolean anonymous) {
    }

    /** A question is a case: {@code caseId} is the case's id, and the question waits for moderation. */
    public record AskedView(UUID caseId, String number, String status, boolean flagged) {
    }

    /** "Did the answer answer your question?" */
    public record VerdictRequest(Boolean answered) {
    }

    public record SubscriptionsView(List<Subscriptions.TemplateView> templates) {
    }

    public record SubscriptionResults(@Size(max = 20) Map<@Size(max = 128) String, @Size(max = 20) String> results) {
    }

    /** WeChat's codes are 32 characters and our refresh tokens 43; generous, but far from megabytes. */
    static final int MAX_CODE = 256;
    /**
     * WeChat's codes are letters and digits (ours for the sandbox add - and _): anything else is no code of WeChat's,
     * and WxJava would put it unencoded into the URL it calls, which fails as a server error.
     */
    static final String CODE = "[A-Za-z0-9_-]*";
    static final String CODE_REFUSED = "must be a WeChat code (letters, digits, - and _)";

    private final MiniProgramClient wechat;
    private final MiniProgramResidents residents;
    private final ResidentTokens tokens;
    private final Uploads uploads;
    private final MiniProgramCases cases;
    private final Subscriptions subscriptions;
    private final MediaChecks mediaChecks;
    private final JsonWebToken jwt;
    private final ResidentData data;
    private final ResidentErasure erasure;
    private final Consents consents;
    private final PublicQuestions questions;

    public MiniProgramResource(MiniProgramClient wechat, MiniProgramResidents residents, ResidentTokens tokens, Uploads uploads,
            MiniProgramCases cases, Subscriptions subscriptions, MediaChecks mediaChecks, JsonWebToken jwt, ResidentData data,
            ResidentErasure erasure, Consents consents, PublicQuestions questions) {
        this.questions = questions;
        this.mediaChecks = mediaChecks;
        this.consents = consents;
        this.data = data;
        this.erasure = erasure;
        this.wechat = wechat;
        this.residents = residents;
        this.tokens = tokens;
        this.uploads = uploads;
        this.cases = cases;
        this.subscriptions = subscriptions;
        this.jwt = jwt;
    }

    @POST
    @Path("login")
    @PermitAll
    @Operation(summary = "wx.login code → our session token; the resident is found or created by openid")
    public Uni<SessionView> login(@Valid LoginRequest request) {
        String code = required(request == null ? null : request.code(), "code");
        return wechat.session(code).chain(residents::signIn).chain(this::session);
    }

    @POST
    @Path("session/refresh")
    @PermitAll
    @Operation(summary = "A new token for a refresh token (which is replaced: each is good for one use)")
    public Uni<SessionView> refresh(@Valid RefreshRequest request) {
        String refreshToken = required(request == null ? null : request.refreshToken(), "refreshToken");
        return tokens.redeem(refreshToken).chain(residents::current).chain(this::session);
    }

    @POST
    @Path("logout")
    @Operation(summary = "Revokes the refresh token and ends the resident's access tokens, the one presented among them")
    public Uni<Response> logout(@Valid RefreshRequest request) {
        String refreshToken = required(request == null ? null : request.refreshToken(), "refreshToken");
        UUID me = residentId();
        return tokens.revoke(refreshToken, me).chain(() -> tokens.endAccessTokens(me)).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("me")
    public Uni<ResidentView> me() {
        return residents.current(residentId()).map(ResidentView::of);
    }

    @PUT
    @Path("me")
    public Uni<ResidentView> setVillage(VillageRequest request) {
        return residents.setVillage(residentId(), request == null ? null : request.villageId(), request == null ? null : request.name())
                .map(ResidentView::of);
    }

    @GET
    @Path("me/data")
    @Operation(summary = "Everything held about the signed-in resident: cases, messages, photos, consents, bindings, and who read them")
    public Uni<Response> myData() {
        return residents.current(residentId()).chain(r -> data.of(r.id))
                .map(document -> Response.ok(document.encode(), MediaType.APPLICATION_JSON_TYPE).build());
    }

    @POST
    @Path("me/erasure")
    @Operation(summary = "Erases the signed-in resident's personal data (their cases stay, anonymised, in the figures); the session ends")
    public Uni<ResidentErasure.Erased> erase() {
        return residents.current(residentId()).chain(r -> erasure.erase(r.id, ResidentErasure.Via.MINI_PROGRAM, "resident"));
    }

    @GET
    @Path("privacy")
    @Operation(summary = "The privacy notice in force (its version) and whether the signed-in resident accepted it")
    public Uni<Consents.Notice> privacy() {
        return Panache.withSession(() -> consents.notice(residentId()));
    }

    @POST
    @Path("privacy")
    @Operation(summary = "The resident accepted the privacy notice of this version (the one in force), recorded with the time")
    public Uni<Consents.Notice> acceptPrivacy(@Valid NoticeRequest request) {
        String version = required(request == null ? null : request.version(), "version");
        if (!version.equals(consents.noticeVersion())) {
            throw ApiException.invalidField("version", "is not the notice in force (" + consents.noticeVersion() + "): show that one");
        }
        UUID me = residentId();
        return Panache.withTransaction(() -> residents.current(me)
                .chain(r -> consents.record(r.id, Consents.Kind.PRIVACY_NOTICE, version, true, "MINI_PROGRAM"))
                .chain(() -> consents.notice(me)));
    }

    @DELETE
    @Path("subscriptions/{templateId}")
    @Operation(summary = "Withdraws the consents given for one subscribe-message template")
    public Uni<SubscriptionsView> withdraw(@PathParam("templateId") @Size(max = 128) String templateId) {
        return residents.current(residentId()).chain(r -> subscriptions.withdraw(r.id, templateId)).map(SubscriptionsView::new);
    }

    @POST
    @Path("phone")
    @Operation(summary = "Binds the phone number from a getPhoneNumber code; merges into the resident already known by it")
    public Uni<PhoneView> bindPhone(@Valid PhoneRequest request) {
        String code = required(request == null ? null : request.code(), "code");
        UUID me = residentId();
        return residents.current(me).chain(r -> wechat.phoneNumber(code)).chain(phone -> residents.bindPhone(me, phone))
                .chain(bound -> !bound.merged()
                        ? Uni.createFrom().item(new PhoneView(bound.resident().phoneMasked, false, null, null, null, ResidentView.of(bound.resident())))
                        : tokens.issue(bound.resident().id).map(t -> new PhoneView(bound.resident().phoneMasked, true, t.token(), t.expiresAt(),
                                t.refreshToken(), ResidentView.of(bound.resident()))));
    }

    @POST
    @Path("uploads")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "A photo (JPEG, PNG or WebP by its bytes; size limited) for a case to be submitted")
    public Uni<Response> upload(@RestForm("file") FileUpload file) {
        // The check's row commits after the photo: if it fails, the resident is answered with an error and uploads again,
        // and the photo stored without it is never attached to a case.
        return residents.current(residentId()).chain(r -> uploads.storePhoto(r.id, file)
                        .call(u -> Panache.withTransaction(() -> mediaChecks.enqueue(u.id))))
                .map(u -> Response.created(URI.create("/api/mp/uploads/" + u.id))
                        .entity(new UploadView(u.id, u.contentType, u.size, u.sha256)).build());
    }

    @GET
    @Path("uploads/{id}")
    @Operation(summary = "A photo's or a reply attachment's bytes, for its owner or the resident of its case")
    public Uni<Response> photo(@PathParam("id") UUID id) {
        return uploads.read(id, residentId()).map(c -> c.answer().header("Cache-Control", "private, max-age=3600").build());
    }

    @POST
    @Path("cases")
    @Operation(summary = "Submit a concern; the Idempotency-Key header makes a retry return the first case (200) instead of a second")
    public Uni<Response> submit(@HeaderParam("Idempotency-Key") String idempotencyKey, MiniProgramCases.Submit submit) {
        return residents.current(residentId()).chain(r -> cases.submit(r, submit, idempotencyKey))
                .map(s -> Response.status(s.first() ? 201 : 200).location(URI.create("/api/mp/cases/" + s.id()))
                        .entity(new SubmitView(s.id(), s.number(), s.state().name(), s.flagged())).build());
    }

    @POST
    @Path("questions")
    @Operation(summary = "Ask in public (公开提问): a case like any other, published on the 问答 board only after moderation;"
            + " the Idempotency-Key header, when sent, makes a retry return the first question (200)")
    public Uni<Response> ask(@HeaderParam("Idempotency-Key") String idempotencyKey, QuestionRequest request) {
        QuestionRequest q = request == null ? new QuestionRequest(null, null, null, false) : request;
        // The contract does not require the key: without one, each call is a question of its own.
        String key = idempotencyKey == null ? "question-" + UUID.randomUUID() : idempotencyKey;
        return residents.current(residentId())
                .chain(r -> questions.categoryOr(q.categoryId())
                        .chain(category -> cases.ask(r, new MiniProgramCases.Submit(q.text(), category, q.villageId(), null, q.anonymous()), key)))
                .map(s -> Response.status(s.first() ? 201 : 200).location(URI.create("/api/mp/cases/" + s.id()))
                        .entity(new AskedView(s.id(), s.number(), PublicQuestion.Moderation.AWAITING_MODERATION.name(), s.flagged())).build());
    }

    @GET
    @Path("questions")
    @Operation(summary = "The resident's own public questions: where moderation stands, what is public, their verdict on the answer")
    public Uni<List<PublicQuestions.Mine>> myQuestions() {
        return questions.mine(residentId());
    }

    @POST
    @Path("questions/{caseId}/verdict")
    @Operation(summary = "The asker says whether the published answer answered the question (answered: true/false)")
    public Uni<PublicQuestions.Mine> verdict(@PathParam("caseId") UUID caseId, VerdictRequest request) {
        return residents.current(residentId()).chain(r -> questions.verdict(caseId, r, request == null ? null : request.answered()));
    }

    @GET
    @Path("cases")
    public Uni<Page<MiniProgramCases.Item>> list(@Valid @BeanParam PageRequest page) {
        return cases.list(residentId(), page);
    }

    @GET
    @Path("cases/{id}")
    public Uni<MiniProgramCases.Detail> detail(@PathParam("id") UUID id) {
        return residents.current(residentId()).chain(r -> cases.detail(id, r));
    }

    @POST
    @Path("cases/{id}/feedback")
    public Uni<MiniProgramCases.Detail> feedback(@PathParam("id") UUID id, @Valid FeedbackRequest request) {
        return residents.current(residentId()).chain(r -> cases.rate(id, r, request == null ? null : request.rating(),
                request == null ? null : request.comment()));
    }

    @POST
    @Path("cases/{id}/reopen")
    public Uni<MiniProgramCases.Detail> reopen(@PathParam("id") UUID id, @Valid ReopenRequest request) {
        return residents.current(residentId()).chain(r -> cases.reopen(id, r, request == null ? null : request.reason()));
    }

    @GET
    @Path("subscriptions")
    public Uni<SubscriptionsView> subscriptions() {
        return subscriptions.of(residentId()).map(SubscriptionsView::new);
    }

    @POST
    @Path("subscriptions")
    @Operation(summary = "What wx.requestSubscribeMessage answered; each accept allows one message with that template")
    public Uni<SubscriptionsView> subscribe(@Valid SubscriptionResults request) {
        return residents.current(residentId()).chain(r -> subscriptions.record(r.id, request == null ? null : request.results()))
                .map(SubscriptionsView::new);
    }

    /** The resident's way in is the mini-program's login, not the staff's. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response signInFirst() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer realm=\"lianxin\"")
                .entity(Problem.of(401, "Unauthorized", "请先登录 (sign in with POST /api/mp/login and send the token as 'Authorization: Bearer …')."))
                .build();
    }

    private Uni<SessionView> session(Resident resident) {
        return tokens.issue(resident.id).map(t -> new SessionView(t.token(), t.expiresAt(), t.refreshToken(), ResidentView.of(resident)));
    }

    private UUID residentId() {
        return UUID.fromString(jwt.getSubject());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        return value;
    }
}
