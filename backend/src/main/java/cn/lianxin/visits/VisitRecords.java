package cn.lianxin.visits;

import cn.lianxin.api.ApiException;
import cn.lianxin.attachments.FileView;
import cn.lianxin.attachments.Upload;
import cn.lianxin.attachments.Uploads;
import cn.lianxin.cases.CaseRegistration;
import cn.lianxin.cases.CaseRegistration.RegisterCase;
import cn.lianxin.cases.domain.Channel;
import cn.lianxin.intake.Residents;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.Lookups;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.privacy.PhoneVault;
import cn.lianxin.residents.Resident;
import cn.lianxin.sms.PhoneNumber;
import cn.lianxin.staff.Caller;
import cn.lianxin.staff.StaffRole;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recording a visit: the visit, and each issue raised on it as a case of channel VISIT assigned to the visiting
 * representative (谁走访谁负责, no routing) or as a matter settled on the spot — all in one transaction, so that a
 * visit is never recorded without its cases or a case left without its visit.
 */
@ApplicationScoped
public class VisitRecords {

    /** What was raised: a concern to handle, or one settled there and then. The resident is whoever raised it. */
    public record Issue(String text, Long categoryId, String residentName, String residentPhone, boolean settled) {
    }

    /** {@code photoIds}: the caller's uploads ({@code POST /api/attachments}) that the visit takes as its photos. */
    public record RecordVisit(Long representativeId, long villageId, LocalDate visitedOn, String metWith, String summary,
            List<Issue> issues, List<UUID> photoIds) {
    }

    public record Recorded(Visit visit, List<UUID> caseIds) {
    }

    private static final int LIST_LIMIT = 500;
    private static final String ISSUE = "INSERT INTO visit_issue (visit_id, position, text, case_id) VALUES (:visit, :position, :text, :case)";

    private final Lookups lookups;
    private final CaseRegistration registration;
    private final Residents residents;
    private final PhoneVault phones;
    private final Uploads uploads;
    private final VisitSettings settings;
    private final Clock clock;
    private final ZoneId townZone;

    VisitRecords(Lookups lookups, CaseRegistration registration, Residents residents, PhoneVault phones, Uploads uploads,
            VisitSettings settings, Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.uploads = uploads;
        this.lookups = lookups;
        this.registration = registration;
        this.residents = residents;
        this.phones = phones;
        this.settings = settings;
        this.clock = clock;
        this.townZone = townZone;
    }

    /** The town's today, which a visit may not be recorded after. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), townZone);
    }

    /**
     * Everything that can refuse the visit (who, where, when, each issue's category and number) is checked before
     * anything is written, so that a refusal leaves nothing behind even inside a caller's transaction (a WeCom text).
     */
    @WithTransaction
    public Uni<Recorded> record(Caller caller, RecordVisit command, Channel on) {
        Long representativeId = command.representativeId() != null ? command.representativeId() : caller.representativeId();
        if (representativeId == null) {
            return Uni.createFrom().failure(ApiException.invalidField("representativeId", "is required"));
        }
        if (command.visitedOn().isAfter(today())) {
            return Uni.createFrom().failure(ApiException.invalidField("visitedAt", "must not be in the future"));
        }
        return lookups.reference(Representative.class, representativeId, "representativeId")
                .invoke(r -> mayRecordFor(caller, r))
                .chain(r -> lookups.reference(Village.class, command.villageId(), "villageId").chain(village ->
                        Visit.count("representativeId = ?1 and villageId = ?2 and visitedOn = ?3", r.id, village.id, command.visitedOn())
                                .invoke(existing -> {
                                    if (existing > 0) {
                                        throw ApiException.conflict("a visit of " + village.name + " by " + r.name + " on "
                                                + command.visitedOn() + " is already recorded");
                                    }
                                })
                                .chain(() -> uploads.checkUnusedPhotos(caller.username(), command.photoIds()))
                                .chain(() -> prepared(command.issues()))
                                .chain(issues -> persist(caller, command, r, on)
                                        .call(visit -> uploads.attachToVisit(caller.username(), command.photoIds(), visit.id))
                                        .chain(visit -> raiseAll(caller, visit, issues).map(caseIds -> new Recorded(visit, caseIds))))));
    }

    /** An issue with its category and sealed number resolved. */
    private record Prepared(Issue issue, Category category, PhoneVault.Sealed phone) {
    }

    private Uni<List<Prepared>> prepared(List<Issue> issues) {
        Uni<List<Prepared>> chain = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < issues.size(); i++) {
            String field = "issues[" + i + "]";
            Issue issue = issues.get(i);
            if (issue.settled()) {
                chain = chain.invoke(list -> list.add(new Prepared(issue, null, null)));
                continue;
            }
            PhoneVault.Sealed phone = issue.residentPhone() == null || issue.residentPhone().isBlank() ? null
                    : phones.seal(PhoneNumber.parse(issue.residentPhone())
                            .orElseThrow(() -> ApiException.invalidField(field + ".residentPhone", "must be a mainland China mobile number")));
            chain = chain.chain(list -> category(issue.categoryId(), field + ".categoryId")
                    .map(category -> {
                        list.add(new Prepared(issue, category, phone));
                        return list;
                    }));
        }
        return chain;
    }

    /** A representative records their own visits; a liaison or group leader their workstation's; the town office anyone's. */
    private static void mayRecordFor(Caller caller, Representative r) {
        boolean allowed = switch (caller.role()) {
            case TOWN_OFFICE -> true;
            case LIAISON, GROUP_LEADER -> r.workstationId.equals(caller.workstationId()) || r.id.equals(caller.representativeId());
            case REPRESENTATIVE -> r.id.equals(caller.representativeId());
        };
        if (!allowed) {
            throw ApiException.invalidField("representativeId", "is not a representative you may record visits for");
        }
    }

    private Uni<Visit> persist(Caller caller, RecordVisit command, Representative r, Channel on) {
        Visit visit = new Visit();
        visit.id = UUID.randomUUID();
        visit.representativeId = r.id;
        visit.workstationId = r.workstationId;
        visit.villageId = command.villageId();
        visit.visitedOn = command.visitedOn();
        visit.metWith = command.metWith().strip();
        visit.summary = command.summary().strip();
        visit.channel = on;
        visit.recordedBy = caller.username();
        visit.recordedAt = OffsetDateTime.now(clock);
        return visit.persistAndFlush();
    }

    /** One after the other, in the order given: the same person raising two issues is one resident. */
    private Uni<List<UUID>> raiseAll(Caller caller, Visit visit, List<Prepared> issues) {
        List<UUID> caseIds = new ArrayList<>();
        Map<String, Resident> raisedBy = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < issues.size(); i++) {
            int position = i;
            Prepared p = issues.get(i);
            chain = chain.chain(() -> p.issue().settled()
                    ? insert(visit, position, p.issue().text(), null)
                    : raise(caller, visit, p, raisedBy).invoke(caseIds::add).chain(id -> insert(visit, position, p.issue().text(), id)));
        }
        return chain.replaceWith(caseIds);
    }

    private Uni<UUID> raise(Caller caller, Visit visit, Prepared p, Map<String, Resident> raisedBy) {
        Issue issue = p.issue();
        String name = issue.residentName() == null || issue.residentName().isBlank() ? visit.metWith : issue.residentName().strip();
        String who = name + "|" + (issue.residentPhone() == null ? "" : issue.residentPhone().strip());
        Uni<Resident> resident = raisedBy.containsKey(who) ? Uni.createFrom().item(raisedBy.get(who))
                : residents.metInPerson(name, p.phone(), visit.villageId).invoke(r -> raisedBy.put(who, r));
        return resident.chain(r -> registration.registerWith(new RegisterCase(r.id, visit.villageId, p.category().id, Channel.VISIT, issue.text()),
                        visit.representativeId, rep -> "走访中当面反映，由走访代表 " + rep.name + " 承办（谁走访谁负责）", caller.username()))
                .map(c -> c.id);
    }

    private Uni<Category> category(Long id, String field) {
        if (id != null) {
            return lookups.reference(Category.class, id, field);
        }
        return Category.<Category>find("code = ?1 and active = true", settings.defaultCategory()).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.invalidField(field, "is required: there is no default category"));
    }

    private static Uni<Void> insert(Visit visit, int position, String text, UUID caseId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ISSUE).setParameter("visit", visit.id).setParameter("position", position)
                .setParameter("text", text.strip()).setParameter("case", caseId).executeUpdate()).replaceWithVoid();
    }

    /** The visit if the caller may see it; otherwise it does not exist for them (404). */
    public Uni<VisitResource.VisitView> visible(Caller caller, UUID id) {
        Map<String, Object> parameters = new HashMap<>(VisitScope.parameters(caller));
        parameters.put("id", id);
        return Visit.<Visit>find("id = :id and " + VisitScope.condition(caller, "workstationId", "representativeId"), parameters)
                .firstResult().onItem().ifNull().failWith(() -> ApiException.notFound("visit " + id))
                .chain(v -> views(List.of(v))).map(views -> views.get(0));
    }

    /** A photo of a visit the caller may see; another's is 404. */
    public Uni<Uploads.Content> photo(Caller caller, UUID visitId, UUID photoId) {
        return visible(caller, visitId).chain(v -> uploads.readOfVisit(visitId, photoId));
    }

    /** The visits of a range the caller may see, newest first, with the cases raised on each. */
    public Uni<List<VisitResource.VisitView>> list(Caller caller, LocalDate from, LocalDate to) {
        Map<String, Object> parameters = new HashMap<>(VisitScope.parameters(caller));
        parameters.putAll(Map.of("from", from, "to", to));
        String where = "visitedOn between :from and :to and " + VisitScope.condition(caller, "workstationId", "representativeId");
        return Visit.<Visit>find(where + " order by visitedOn desc, recordedAt desc", parameters).page(0, LIST_LIMIT).list().chain(this::views);
    }

    /** The visits as the API shows them: with the cases raised on each and its photos. */
    private Uni<List<VisitResource.VisitView>> views(List<Visit> visits) {
        List<UUID> ids = visits.stream().map(v -> v.id).toList();
        return casesOf(ids).chain(cases -> uploads.photosOfVisits(ids).map(photos -> {
            Map<UUID, List<FileView>> byVisit = new HashMap<>();
            photos.forEach(u -> byVisit.computeIfAbsent(u.visitId, k -> new ArrayList<>()).add(FileView.of(u, photoUrl(u))));
            return visits.stream().map(v -> VisitResource.VisitView.of(v, cases.getOrDefault(v.id, List.of()),
                    byVisit.getOrDefault(v.id, List.of()))).toList();
        }));
    }

    private static String photoUrl(Upload photo) {
        return "/api/visits/" + photo.visitId + "/photos/" + photo.id;
    }

    /** The cases raised on each visit, by visit. */
    static Uni<Map<UUID, List<UUID>>> casesOf(List<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "SELECT visit_id, case_id FROM visit_issue WHERE visit_id IN (:ids) AND case_id IS NOT NULL ORDER BY position", Object[].class)
                .setParameter("ids", visitIds).getResultList()).map(rows -> {
                    Map<UUID, List<UUID>> byVisit = new HashMap<>();
                    rows.forEach(row -> byVisit.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add((UUID) row[1]));
                    return byVisit;
                });
    }
}
