package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.rights.Consents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One-time subscribe-message consents (wx.requestSubscribeMessage): each "accept" allows one message with that
 * template, counted per resident and template; sending one takes one away.
 */
@ApplicationScoped
public class Subscriptions {

    public enum Purpose { REPLY, FEEDBACK_PROMPT }

    public record TemplateView(String templateId, Purpose purpose, int remaining) {
    }

    private static final String CHANNEL = "MINI_PROGRAM";
    private static final Set<String> ANSWERS = Set.of("accept", "reject", "ban", "filter");

    private final Map<String, Purpose> templates = new LinkedHashMap<>();

    private final Consents consents;

    public Subscriptions(MiniProgramSettings settings, Consents consents) {
        this.consents = consents;
        templates.put(settings.templates().reply(), Purpose.REPLY);
        templates.put(settings.templates().feedbackPrompt(), Purpose.FEEDBACK_PROMPT);
    }

    public String templateFor(Purpose purpose) {
        return templates.entrySet().stream().filter(e -> e.getValue() == purpose).findFirst().orElseThrow().getKey();
    }

    @WithSession
    public Uni<List<TemplateView>> of(UUID residentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "SELECT template_id, remaining FROM mp_subscription WHERE resident_id = :resident", Object[].class)
                .setParameter("resident", residentId).getResultList())
                .map(rows -> {
                    Map<String, Integer> remaining = new LinkedHashMap<>();
                    rows.forEach(row -> remaining.put((String) row[0], ((Number) row[1]).intValue()));
                    return templates.entrySet().stream()
                            .map(e -> new TemplateView(e.getKey(), e.getValue(), remaining.getOrDefault(e.getKey(), 0))).toList();
                });
    }

    /** Records what wx.requestSubscribeMessage answered; only "accept" adds a message. */
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
        List<String> accepted = results.entrySet().stream().filter(e -> e.getValue().equals("accept")).map(Map.Entry::getKey).toList();
        return Multi.createFrom().iterable(results.entrySet()).onItem().transformToUniAndConcatenate(answer -> consents.record(residentId,
                        Consents.Kind.SUBSCRIBE_MESSAGE, answer.getKey(), answer.getValue().equals("accept"), CHANNEL))
                .collect().asList().chain(() -> Multi.createFrom().iterable(accepted).onItem().transformToUniAndConcatenate(template -> Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        INSERT INTO mp_subscription (resident_id, template_id, remaining, updated_at) VALUES (:resident, :template, 1, now())
                        ON CONFLICT (resident_id, template_id) DO UPDATE SET remaining = mp_subscription.remaining + 1, updated_at = now()""")
                        .setParameter("resident", residentId).setParameter("template", template).executeUpdate()))
                .collect().asList()).chain(() -> of(residentId));
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
