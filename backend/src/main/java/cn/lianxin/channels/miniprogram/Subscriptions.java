package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.rights.Consents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One-time subscribe-message consents (wx.requestSubscribeMessage): each "accept" allows one message with that
 * template, counted per resident and template; sending one takes one away. Every answer is kept with its time and
 * source ({@code mp_consent}): the mini-program's report, and what WeChat pushes (popup, 服务通知 settings).
 */
@ApplicationScoped
public class Subscriptions {

    public enum Purpose { REPLY, FEEDBACK_PROMPT, BOOKING, POLICY }

    /** Where an answer came from: the mini-program's report, WeChat's popup event, or 服务通知 settings. */
    public enum Source { MINIPROGRAM, WECHAT_POPUP, WECHAT_SETTINGS }

    /** A template, the messages it still allows, and the resident's latest answer (null before any): when and through what. */
    public record TemplateView(String templateId, Purpose purpose, int remaining, String lastAnswer, OffsetDateTime answeredAt,
            Source answeredVia) {
    }

    /** How far apart the mini-program's report and WeChat's push of one popup may be and still be paired. */
    private static final Duration PAIRING_WINDOW = Duration.ofMinutes(10);

    private static final String CHANNEL = "MINI_PROGRAM";
    private static final Set<String> ANSWERS = Set.of("accept", "reject", "ban", "filter");

    private final Map<String, Purpose> templates = new LinkedHashMap<>();

    private final Consents consents;

    public Subscriptions(MiniProgramSettings settings, Consents consents) {
        this.consents = consents;
        templates.put(settings.templates().reply(), Purpose.REPLY);
        templates.put(settings.templates().feedbackPrompt(), Purpose.FEEDBACK_PROMPT);
        templates.put(settings.templates().booking(), Purpose.BOOKING);
        templates.put(settings.templates().policy(), Purpose.POLICY);
    }

    public String templateFor(Purpose purpose) {
        return templates.entrySet().stream().filter(e -> e.getValue() == purpose).findFirst().orElseThrow().getKey();
    }

    @WithSession
    public Uni<List<TemplateView>> of(UUID residentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT template_id, remaining FROM mp_subscription WHERE resident_id = :resident", Object[].class)
                .setParameter("resident", residentId).getResultList()
                .chain(counts -> s.createNativeQuery("""
                                SELECT DISTINCT ON (template_id) template_id, answer, CAST(extract(epoch FROM at) * 1000 AS bigint), source
                                FROM mp_consent WHERE resident_id = :resident ORDER BY template_id, at DESC, id DESC""", Object[].class)
                        .setParameter("resident", residentId).getResultList()
                        .map(answers -> {
                            Map<String, Integer> remaining = new LinkedHashMap<>();
                            counts.forEach(row -> remaining.put((String) row[0], ((Number) row[1]).intValue()));
                            Map<String, Object[]> last = new LinkedHashMap<>();
                            answers.forEach(row -> last.put((String) row[0], row));
                            return templates.entrySet().stream().map(e -> {
                                Object[] answer = last.get(e.getKey());
                                return answer == null
                                        ? new TemplateView(e.getKey(), e.getValue(), remaining.getOrDefault(e.getKey(), 0), null, null, null)
                                        : new TemplateView(e.getKey(), e.getValue(), remaining.getOrDefault(e.getKey(), 0), (String) answer[1],
                                                Instant.ofEpochMilli(((Number) answer[2]).longValue()).atOffset(ZoneOffset.UTC),
                                                Source.valueOf((String) answer[3]));
                            }).toList();
                        })));
    }

    /** Records what wx.requestSubscribeMessage answered, as the mini-program reports it; only "accept" adds a message. */
    @WithTransaction
    public Uni<List<TemplateView>> record(UUID residentId, Map<String, String> results) {
        if (results == null || results.isEmpty()) {
            throw ApiException.invalidField("results", "is required: {templateId: accept|reject|ban|filter}");
        }
        results.forEach((template, answer) -> {
            if (!templates.containsKey(template)) {
                throw ApiException.invalidField("results." + template, "is not one of our subscribe templates");
            }
            if (answer == null || !ANSWERS.contains(answer)) {
                throw ApiException.invalidField("results." + template, "must be accept, reject, ban or filter");
            }
        });
        OffsetDateTime now = OffsetDateTime.now();
        return Multi.createFrom().iterable(results.entrySet()).onItem()
                .transformToUniAndConcatenate(e -> answered(residentId, e.getKey(), e.getValue(), Source.MINIPROGRAM, null, now))
                .collect().asList().chain(() -> of(residentId));
    }

    /**
     * An answer WeChat pushed (a popup, or 服务通知 settings), in the caller's transaction; templates that are not ours
     * and answers WeChat may add later are ignored. @return whether it was recorded
     */
    Uni<Boolean> answeredOnWechat(UUID residentId, String template, String answer, Source source, String popupScene, OffsetDateTime at) {
        if (!templates.containsKey(template) || answer == null || !ANSWERS.contains(answer)) {
            return Uni.createFrom().item(false);
        }
        return answered(residentId, template, answer, source, popupScene, at).replaceWith(true);
    }

    /**
     * One answer: recorded with its time and source, paired with the other report of the same popup if that came
     * first — the unpaired one nearest in time, within {@link #PAIRING_WINDOW} — (then it adds nothing more), and applied to the count: an accept adds one message; a reject in 服务通知
     * settings (拒收) or a ban leaves none, as WeChat will refuse every send until the resident accepts again.
     * The consent row is locked first, so that the two reports of one popup cannot both count.
     */
    private Uni<Void> answered(UUID residentId, String template, String answer, Source source, String popupScene, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        INSERT INTO mp_subscription (resident_id, template_id, remaining, updated_at) VALUES (:resident, :template, 0, now())
                        ON CONFLICT (resident_id, template_id) DO NOTHING""")
                .setParameter("resident", residentId).setParameter("template", template).executeUpdate()
                .chain(() -> s.createNativeQuery(
                                "SELECT remaining FROM mp_subscription WHERE resident_id = :resident AND template_id = :template FOR UPDATE", Integer.class)
                        .setParameter("resident", residentId).setParameter("template", template).getSingleResult())
                .chain(() -> source == Source.WECHAT_SETTINGS ? Uni.createFrom().item(List.<Long>of()) : s.createNativeQuery("""
                                SELECT id FROM mp_consent
                                WHERE resident_id = :resident AND template_id = :template AND answer = :answer AND paired_with IS NULL
                                  AND source <> 'WECHAT_SETTINGS' AND source <> :source
                                  AND abs(extract(epoch FROM at - CAST(:at AS timestamptz))) <= %d
                                ORDER BY abs(extract(epoch FROM at - CAST(:at AS timestamptz))), id LIMIT 1""".formatted(PAIRING_WINDOW.toSeconds()), Long.class)
                        .setParameter("resident", residentId).setParameter("template", template).setParameter("answer", answer)
                        .setParameter("source", source.name()).setParameter("at", at)
                        .getResultList())
                .chain(match -> s.createNativeQuery("""
                                INSERT INTO mp_consent (resident_id, template_id, answer, source, popup_scene, at, paired_with)
                                VALUES (:resident, :template, :answer, :source, CAST(:scene AS text), :at, CAST(:paired AS bigint)) RETURNING id""", Long.class)
                        .setParameter("resident", residentId).setParameter("template", template).setParameter("answer", answer)
                        .setParameter("source", source.name()).setParameter("scene", popupScene).setParameter("at", at)
                        .setParameter("paired", match.isEmpty() ? null : match.get(0)).getSingleResult()
                        // An answer that counts (not the second report of a paired popup) is also a line of the
                        // resident's consent log (rights.Consents), which their data export and erasure read.
                        .chain(id -> match.isEmpty() ? count(s, residentId, template, answer, source).chain(() -> consents.record(residentId,
                                        Consents.Kind.SUBSCRIBE_MESSAGE, template, "accept".equals(answer), source == Source.MINIPROGRAM ? CHANNEL : source.name())) : s.createNativeQuery(
                                        "UPDATE mp_consent SET paired_with = :id WHERE id = :match")
                                .setParameter("id", id).setParameter("match", match.get(0))
                                .executeUpdate().replaceWithVoid())));
    }

    private static Uni<Void> count(Mutiny.Session s, UUID residentId, String template, String answer, Source source) {
        String change = switch (answer) {
            case "accept" -> "remaining + 1";
            case "ban" -> "0";
            case "reject" -> source == Source.WECHAT_SETTINGS ? "0" : null;
            default -> null;
        };
        if (change == null) {
            return Uni.createFrom().voidItem();
        }
        return s.createNativeQuery("UPDATE mp_subscription SET remaining = " + change + ", updated_at = now()"
                        + " WHERE resident_id = :resident AND template_id = :template")
                .setParameter("resident", residentId).setParameter("template", template).executeUpdate().replaceWithVoid();
    }

    /** Takes one consent for the template; false when none is left. Runs in the caller's transaction. */
    Uni<Boolean> consume(UUID residentId, String template) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                UPDATE mp_subscription SET remaining = remaining - 1, updated_at = now()
                WHERE resident_id = :resident AND template_id = :template AND remaining > 0""")
                .setParameter("resident", residentId).setParameter("template", template).executeUpdate())
                .map(updated -> updated == 1);
    }

    /** The resident withdrew their consents for a template: none is left to send with. */
    @WithTransaction
    public Uni<List<TemplateView>> withdraw(UUID residentId, String template) {
        if (!templates.containsKey(template)) {
            throw ApiException.invalidField("templateId", "is not one of our subscribe templates");
        }
        return exhaust(residentId, template).chain(() -> consents.record(residentId, Consents.Kind.SUBSCRIBE_MESSAGE, template, false, CHANNEL))
                .chain(() -> of(residentId));
    }

    /** WeChat said the resident has no consent left (43101): our count was wrong, so it is now zero. */
    Uni<Void> exhaust(UUID residentId, String template) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "UPDATE mp_subscription SET remaining = 0, updated_at = now() WHERE resident_id = :resident AND template_id = :template")
                .setParameter("resident", residentId).setParameter("template", template).executeUpdate())
                .replaceWithVoid();
    }

    /** A send that failed for another reason did not use the consent up: give it back. */
    Uni<Void> giveBack(UUID residentId, String template) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "UPDATE mp_subscription SET remaining = remaining + 1, updated_at = now() WHERE resident_id = :resident AND template_id = :template")
                .setParameter("resident", residentId).setParameter("template", template).executeUpdate())
                .replaceWithVoid();
    }
}
