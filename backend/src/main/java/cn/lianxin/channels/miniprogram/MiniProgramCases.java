package cn.lianxin.channels.miniprogram;

import cn.lianxin.attachments.Upload;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.cases.Case;
import cn.lianxin.cases.CaseActivity;
import cn.lianxin.cases.domain.CaseCommand;
import cn.lianxin.cases.domain.CommandKind;
import cn.lianxin.cases.domain.Transitions;
import cn.lianxin.cases.CaseLifecycle;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.IdempotentRegistrations;
import cn.lianxin.cases.IdempotentRegistrations.Keys;
import cn.lianxin.cases.domain.CaseState;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.cases.domain.Feedback;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.questions.PublicQuestions;
import cn.lianxin.residents.Resident;
import cn.lianxin.staff.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A resident's cases through the mini-program: submit (content security, idempotency key, rate limit, photos),
 * list, follow with the resident-visible part of the record, rate, reopen. Every read is scoped to the resident
 * (another resident's case does not exist: 404); commands go through {@link CaseLifecycle} as the resident.
 */
@ApplicationScoped
public class MiniProgramCases {

    public record Submit(String text, Long categoryId, Long villageId, List<UUID> photoIds, boolean anonymous) {
    }

    /** {@code first}: false when an earlier submit with the same key had already registered the case. */
    public record Submitted(UUID id, String number, CaseState state, boolean flagged, boolean first) {
    }

    public record Item(UUID id, String number, CaseState state, String stateLabel, String excerpt, String categoryName,
            String villageName, OffsetDateTime createdAt) {
    }

    public record Photo(UUID id, String url) {
    }

    /** A file the representative attached to the reply: an image or a PDF, fetched with the resident's token. */
    public record Attachment(UUID id, String url, String contentType) {
    }

    public record Step(OffsetDateTime at, CaseState step, String label, String detail) {
    }

    public record Detail(UUID id, String number, CaseState state, String stateLabel, String text, String categoryName,
            String villageName, OffsetDateTime createdAt, List<Photo> photos, String reply, List<Attachment> replyAttachments,
            OffsetDateTime repliedAt, String repliedBy, String feedback, String feedbackComment, boolean canRate, boolean canReopen,
            List<Step> timeline) {
    }

    static final int MAX_PHOTOS = 9;
    static final int MAX_TEXT = 2000;
    private static final int EXCERPT = 40;

    /** What a resident reads for each record line they may see; internal lines (notes, escalations …) are left out. */
    private static final Map<String, String> RESIDENT_LINES = Map.of(
            "REGISTER", "您的诉求已登记",
            CommandKind.ASSIGN.name(), "已分派党代表办理",
            CommandKind.TRANSFER.name(), "已转交其他党代表办理",
            CommandKind.SIGN_FOR.name(), "党代表已签收",
            CommandKind.CHOOSE_HANDLING.name(), "正在办理",
            CommandKind.REPLY.name(), "党代表已答复",
            CommandKind.RECORD_FEEDBACK.name(), "已收到您的评价",
            CommandKind.REOPEN.name(), "已重新办理",
            CommandKind.ARCHIVE.name(), "已办结归档");

    private final CaseRegistration registration;
    private final CaseLifecycle lifecycle;
    private final MiniProgramClient wechat;
    private final SubmitLimit limit;
    private final Uploads uploads;
    private final PublicQuestions questions;

    public MiniProgramCases(CaseRegistration registration, CaseLifecycle lifecycle, MiniProgramClient wechat, SubmitLimit limit,
            Uploads uploads, PublicQuestions questions) {
        this.uploads = uploads;
        this.questions = questions;
        this.registration = registration;
        this.lifecycle = lifecycle;
        this.wechat = wechat;
        this.limit = limit;
    }

    /**
     * Everything that may refuse or call WeChat happens before the transaction opens, so that no connection is held
     * while WeChat answers: a retry of a registered submit is answered from the database, then the photos are
     * checked, the rate limit taken and the text reviewed; only then one transaction claims the key and registers.
     */
    public Uni<Submitted> submit(Resident resident, Submit submit, String idempotencyKey) {
        return submit(resident, submit, idempotencyKey, false);
    }

    /**
     * 公开提问: a concern asked in public is submitted as any other (routed, deadlined, answered in the six steps), and
     * its public question, waiting for moderation, is opened in the same transaction as the case.
     */
    public Uni<Submitted> ask(Resident resident, Submit submit, String idempotencyKey) {
        return submit(resident, submit, idempotencyKey, true);
    }

    private Uni<Submitted> submit(Resident resident, Submit submit, String idempotencyKey, boolean inPublic) {
        validate(submit, idempotencyKey);
        String text = submit.text().strip();
        List<UUID> photos = submit.photoIds() == null ? List.of() : submit.photoIds().stream().distinct().toList();
        // A question and a concern with the same key are different requests; a concern's fingerprint stays as it was.
        String fingerprint = inPublic
                ? IdempotentRegistrations.fingerprint(text, submit.categoryId(), submit.villageId(), photos, submit.anonymous(), "public")
                : IdempotentRegistrations.fingerprint(text, submit.categoryId(), submit.villageId(), photos, submit.anonymous());
        return Panache.withSession(() -> IdempotentRegistrations.earlier(Keys.RESIDENT, resident.id, idempotencyKey, fingerprint))
                .chain(done -> {
                    if (done != null) {
                        return Uni.createFrom().item(submitted(done, false));
                    }
                    // Cheap refusals first; the rate limit before the WeChat call it protects.
                    return Panache.withSession(() -> unattached(resident.id, photos))
                            .chain(() -> limit.take(resident.id))
                            .chain(() -> review(resident.openid, text))
                            .chain(review -> Panache.withTransaction(() -> IdempotentRegistrations.register(Keys.RESIDENT, resident.id,
                                    idempotencyKey, fingerprint, () -> register(resident, submit, text, photos, review, inPublic))))
                            .map(r -> submitted(r.registered(), r.first()))
                            // Retries do not count against the limit, not even one that raced the first.
                            .call(s -> s.first() ? Uni.createFrom().voidItem() : limit.giveBack(resident.id));
                });
    }

    /** Runs only for the request that claimed the key; a concurrent retry answers the case this registers. */
    private Uni<Case> register(Resident resident, Submit submit, String text, List<UUID> photos, String review, boolean inPublic) {
        return registration.register(new CaseRegistration.RegisterCase(resident.id,
                        submit.villageId() != null ? submit.villageId() : resident.villageId, submit.categoryId(),
                        Channel.MINIPROGRAM, text), label(resident))
                .invoke(c -> {
                    c.contentReview = review;
                    c.anonymous = submit.anonymous();
                })
                .call(c -> attach(c.id, resident.id, photos))
                .call(c -> inPublic ? questions.opened(c) : Uni.createFrom().voidItem());
    }

    private static Submitted submitted(Case c, boolean first) {
        return new Submitted(c.id, c.number, c.state, c.contentReview != null, first);
    }

    @WithSession
    public Uni<Page<Item>> list(UUID residentId, PageRequest page) {
        var query = Case.<Case>find("residentId = ?1 order by registeredAt desc, id", residentId);
        return query.page(page.toPanache()).list().chain(cases -> names(cases).chain(names -> query.count()
                .map(total -> new Page<>(cases.stream().map(c -> new Item(c.id, c.number, c.state, c.state.label(), excerpt(c.text),
                        names.category(c), names.village(c), c.registeredAt)).toList(), page.page, page.size, total))));
    }

    @WithSession
    public Uni<Detail> detail(UUID caseId, Resident resident) {
        return lifecycle.visible(caseId, caller(resident)).chain(c -> detail(c, resident));
    }

    public Uni<Detail> rate(UUID caseId, Resident resident, Feedback rating, String comment) {
        if (rating == null) {
            throw ApiException.invalidField("rating", "is required: SATISFIED, BASICALLY_SATISFIED or UNSATISFIED");
        }
        return command(caseId, resident, new CaseCommand.RecordFeedback(rating, comment));
    }

    public Uni<Detail> reopen(UUID caseId, Resident resident, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalidField("reason", "is required");
        }
        return command(caseId, resident, new CaseCommand.Reopen(reason));
    }

    private Uni<Detail> command(UUID caseId, Resident resident, CaseCommand command) {
        return Panache.withTransaction(() -> lifecycle.execute(caseId, command, caller(resident), Channel.MINIPROGRAM))
                .chain(c -> Panache.withSession(() -> detail(c.id, resident)));
    }

    /** {@code canRate}/{@code canReopen} are what the lifecycle would let this resident do now, nothing decided here. */
    private Uni<Detail> detail(Case c, Resident resident) {
        Caller caller = caller(resident);
        Uni<List<Upload>> photos = uploads.photosOf(c.id);
        Uni<List<Upload>> attachments = uploads.replyAttachmentsOf(c.id, c.replyText != null);
        Uni<List<CaseActivity>> record = CaseActivity.list("caseId = ?1 order by id", c.id);
        return photos.chain(p -> attachments.chain(a -> record.chain(r -> repliedBy(c).chain(by -> names(List.of(c)).map(names -> new Detail(
                c.id, c.number, c.state, c.state.label(), c.text, names.category(c), names.village(c), c.registeredAt,
                p.stream().map(u -> new Photo(u.id, "/api/mp/uploads/" + u.id)).toList(), c.replyText,
                a.stream().map(u -> new Attachment(u.id, "/api/mp/uploads/" + u.id, u.contentType)).toList(), c.repliedAt, by,
                c.feedback == null ? null : c.feedback.name(), c.feedbackComment,
                Transitions.allows(caller, c, CommandKind.RECORD_FEEDBACK), Transitions.allows(caller, c, CommandKind.REOPEN),
                r.stream().filter(line -> RESIDENT_LINES.containsKey(line.action) && line.toState != null)
                        .map(line -> new Step(line.at, line.toState, line.toState.label(), RESIDENT_LINES.get(line.action))).toList()))))));
    }

    /**
     * Who answered, as residents may know them: the name of the representative the case is with, the one answerable
     * for the reply even when the liaison or the office typed it in for them (the record's actor is a login name,
     * not for residents). Public already (workstation pages); never a phone number. None before a reply.
     */
    private static Uni<String> repliedBy(Case c) {
        if (c.repliedAt == null || c.representativeId == null) {
            return Uni.createFrom().nullItem();
        }
        return Representative.<Representative>findById(c.representativeId).map(r -> r == null ? null : r.name);
    }

    private static void validate(Submit submit, String idempotencyKey) {
        IdempotentRegistrations.validate(idempotencyKey);
        if (submit == null || submit.text() == null || submit.text().isBlank()) {
            throw ApiException.invalidField("text", "is required");
        }
        if (submit.text().strip().length() > MAX_TEXT) {
            throw ApiException.invalidField("text", "must be at most " + MAX_TEXT + " characters");
        }
        if (submit.categoryId() == null) {
            throw ApiException.invalidField("categoryId", "is required");
        }
        if (submit.photoIds() != null && (submit.photoIds().size() > MAX_PHOTOS || submit.photoIds().contains(null))) {
            throw ApiException.invalidField("photoIds", "at most " + MAX_PHOTOS + " photo ids");
        }
    }

    /** Content security: risky is refused (nothing stored); review, or no answer from WeChat, flags the case. */
    private Uni<String> review(String openid, String text) {
        return wechat.checkText(openid, text)
                .map(verdict -> switch (verdict.suggest()) {
                    case RISKY -> throw ApiException.invalidField("text",
                            "内容未通过微信内容安全检测，请修改后再提交 (WeChat's content security refused this text; please rephrase it)");
                    case REVIEW -> "微信内容安全建议人工复核（标签 " + verdict.label() + "）";
                    case PASS -> null;
                })
                .onFailure(e -> !(e instanceof ApiException a && a.problem().status() == 422))
                .recoverWithItem("微信内容安全检测暂不可用，请人工复核");
    }

    private static Uni<Void> unattached(UUID residentId, List<UUID> photos) {
        if (photos.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Upload.count("id in ?1 and residentId = ?2 and caseId is null", photos, residentId).map(found -> {
            if (found != photos.size()) {
                throw notYours();
            }
            return null;
        });
    }

    private static ApiException notYours() {
        return ApiException.invalidField("photoIds", "must be your own uploads not yet attached to a case");
    }

    private static Uni<Void> attach(UUID caseId, UUID residentId, List<UUID> photos) {
        if (photos.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Checked before the transaction; a concurrent submit may have taken a photo since, which rolls this one back.
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "UPDATE upload SET case_id = :case WHERE id IN (:ids) AND resident_id = :resident AND case_id IS NULL")
                        .setParameter("case", caseId).setParameter("ids", photos).setParameter("resident", residentId).executeUpdate())
                .invoke(attached -> {
                    if (attached != photos.size()) {
                        throw notYours();
                    }
                }).replaceWithVoid();
    }

    static Caller caller(Resident resident) {
        return Caller.resident(resident.id, label(resident));
    }

    /** How the resident is named on the record: masked, never the openid. */
    static String label(Resident resident) {
        return "小程序 " + (resident.phoneMasked != null ? resident.phoneMasked : "居民");
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= EXCERPT ? flat : flat.substring(0, flat.offsetByCodePoints(0, EXCERPT)) + "…";
    }

    private record Names(Map<Long, String> categories, Map<Long, String> villages) {
        String category(Case c) {
            return categories.get(c.categoryId);
        }

        String village(Case c) {
            return c.villageId == null ? null : villages.get(c.villageId);
        }
    }

    /** The category and village names of a page of cases, two queries whatever its size. */
    private static Uni<Names> names(List<Case> cases) {
        Set<Long> categoryIds = cases.stream().map(c -> c.categoryId).collect(Collectors.toSet());
        Set<Long> villageIds = cases.stream().map(c -> c.villageId).filter(Objects::nonNull).collect(Collectors.toSet());
        Uni<List<Category>> categories = categoryIds.isEmpty() ? Uni.createFrom().item(List.of()) : Category.list("id in ?1", categoryIds);
        Uni<List<Village>> villages = villageIds.isEmpty() ? Uni.createFrom().item(List.of()) : Village.list("id in ?1", villageIds);
        return categories.chain(cs -> villages.map(vs -> new Names(
                cs.stream().collect(Collectors.toMap(c -> c.id, c -> c.name)),
                vs.stream().collect(Collectors.toMap(v -> v.id, v -> v.name)))));
    }
}
