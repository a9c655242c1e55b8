package cn.lianxin.rights;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The consent log: each time a resident agrees to or withdraws something — the privacy notice (by version), a
 * subscribe-message template, SMS broadcasts — a line with the time and the channel, in the caller's transaction,
 * so that the answer and its record commit together.
 */
@ApplicationScoped
public class Consents {

    public enum Kind {
        PRIVACY_NOTICE, SUBSCRIBE_MESSAGE, SMS_BROADCASTS
    }

    /** The privacy notice in force, and when this resident accepted it (null: not yet). */
    public record Notice(String version, boolean accepted, OffsetDateTime acceptedAt) {
    }

    private final String noticeVersion;

    public Consents(@ConfigProperty(name = "lianxin.privacy.notice-version") String noticeVersion) {
        this.noticeVersion = noticeVersion;
    }

    public String noticeVersion() {
        return noticeVersion;
    }

    public Uni<Void> record(UUID residentId, Kind kind, String subject, boolean granted, String channel) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "INSERT INTO consent (resident_id, kind, subject, granted, channel) VALUES (:resident, :kind, :subject, :granted, :channel)")
                .setParameter("resident", residentId).setParameter("kind", kind.name()).setParameter("subject", subject)
                .setParameter("granted", granted).setParameter("channel", channel).executeUpdate()).replaceWithVoid();
    }

    public Uni<Notice> notice(UUID residentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        SELECT max(at) FROM consent WHERE resident_id = :resident AND kind = 'PRIVACY_NOTICE' AND subject = :version AND granted""",
                        OffsetDateTime.class)
                .setParameter("resident", residentId).setParameter("version", noticeVersion).getSingleResultOrNull())
                .map(at -> new Notice(noticeVersion, at != null, at));
    }
}
