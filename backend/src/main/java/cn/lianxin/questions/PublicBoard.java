package cn.lianxin.questions;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Page;
import cn.lianxin.api.PageRequest;
import cn.lianxin.cases.Case;
import cn.lianxin.masterdata.Category;
import cn.lianxin.masterdata.MasterDataEntity;
import cn.lianxin.masterdata.Representative;
import cn.lianxin.masterdata.Village;
import cn.lianxin.masterdata.Workstation;
import cn.lianxin.questions.PublicQuestion.Moderation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 问答 as anyone reads it: published questions only, in their moderated words, with the moderated answer when one is
 * published. Nothing here reads the case's own text or reply, and nothing names the asker: a named asker's village
 * is shown, an anonymous asker's is not (the workstation is, which covers several villages).
 */
@ApplicationScoped
public class PublicBoard {

    /** One published question. {@code answer} null while none is published; {@code daysWaiting} stops at its reply. */
    public record Card(UUID caseId, String text, String answer, String answeredBy, OffsetDateTime askedAt, OffsetDateTime answeredAt,
            long daysWaiting, Long workstationId, String workstationName, String category, String village) {
        public boolean answered() {
            return answer != null;
        }
    }

    private static final String PUBLISHED = "from PublicQuestion q, CaseFile c where c.id = q.caseId and q.status = :published";

    private final Clock clock;
    private final ZoneId townZone;

    public PublicBoard(Clock clock, @ConfigProperty(name = "lianxin.cases.time-zone") ZoneId townZone) {
        this.clock = clock;
        this.townZone = townZone;
    }

    /** Newest published first. */
    public Uni<Page<Card>> board(PageRequest page) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createSelectionQuery("select q, c " + PUBLISHED
                                + " order by q.moderatedAt desc, q.caseId", Object[].class)
                        .setParameter("published", Moderation.PUBLISHED).setFirstResult(page.page * page.size).setMaxResults(page.size)
                        .getResultList()
                        .chain(rows -> cards(rows).chain(cards -> s.createSelectionQuery("select count(*) " + PUBLISHED, Long.class)
                                .setParameter("published", Moderation.PUBLISHED).getSingleResult()
                                .map(total -> new Page<>(cards, page.page, page.size, total))))));
    }

    /** One published question; an unpublished one does not exist here (404). */
    public Uni<Card> one(UUID caseId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createSelectionQuery("select q, c " + PUBLISHED
                        + " and q.caseId = :id", Object[].class)
                .setParameter("published", Moderation.PUBLISHED).setParameter("id", caseId).getResultList())
                .chain(this::cards))
                .map(cards -> cards.stream().findFirst().orElseThrow(() -> ApiException.notFound("Question " + caseId)));
    }

    private Uni<List<Card>> cards(List<Object[]> rows) {
        List<Case> cases = rows.stream().map(row -> (Case) row[1]).toList();
        return names(Workstation.class, cases.stream().map(c -> c.workstationId).toList(), w -> w.name)
                .chain(stations -> names(Category.class, cases.stream().map(c -> c.categoryId).toList(), c -> c.name)
                .chain(categories -> names(Village.class, cases.stream().filter(c -> !c.anonymous).map(c -> c.villageId).toList(), v -> v.name)
                .chain(villages -> names(Representative.class, rows.stream().filter(row -> ((PublicQuestion) row[0]).answerPublished())
                        .map(row -> ((Case) row[1]).representativeId).toList(), r -> r.name)
                .map(representatives -> rows.stream().map(row -> card((PublicQuestion) row[0], (Case) row[1], stations, categories,
                        villages, representatives)).toList()))));
    }

    private Card card(PublicQuestion q, Case c, Map<Long, String> stations, Map<Long, String> categories, Map<Long, String> villages,
            Map<Long, String> representatives) {
        boolean answered = q.answerPublished();
        OffsetDateTime answeredAt = answered ? q.answerOfReplyAt : null;
        LocalDate until = (answered ? answeredAt : OffsetDateTime.now(clock)).atZoneSameInstant(townZone).toLocalDate();
        long days = ChronoUnit.DAYS.between(c.registeredAt.atZoneSameInstant(townZone).toLocalDate(), until);
        return new Card(c.id, q.publicText, answered ? q.answerText : null, answered ? representatives.get(c.representativeId) : null,
                c.registeredAt, answeredAt, days, c.workstationId, stations.get(c.workstationId), categories.get(c.categoryId),
                c.anonymous ? null : villages.get(c.villageId));
    }

    /** The names of a page's master data of one kind, one query whatever the page's size. */
    private static <E extends MasterDataEntity> Uni<Map<Long, String>> names(Class<E> type,
            Collection<Long> ids, Function<E, String> name) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            // Looked up with null keys too (a case without a representative): Map.of() would throw on those.
            return Uni.createFrom().item(Collections.emptyMap());
        }
        return Panache.getSession().chain(s -> s.createSelectionQuery("from " + type.getSimpleName() + " where id in :ids", type)
                        .setParameter("ids", wanted).getResultList())
                .map(list -> list.stream().collect(Collectors.toMap(e -> e.id, name)));
    }
}
