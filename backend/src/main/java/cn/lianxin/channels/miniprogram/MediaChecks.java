package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.Sha256;
import cn.lianxin.work.WorkQueue;
import cn.lianxin.work.Worker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Residents' photos through WeChat's asynchronous content check: each new photo is a row ({@link #enqueue}, right after
 * the upload's transaction), and this {@link Worker} queue offers it to media_check_async off the event loop, at a URL
 * with a one-time token that WeChat may fetch for {@link #FETCHABLE_HOURS} hour(s) (WeChat answers within 30 minutes);
 * the trace_id goes on the photo, and the wxa_media_check push ({@link PushProcessor}) brings the verdict.
 */
@Singleton
public class MediaChecks extends WorkQueue<MediaChecks.Check> {

    private static final Stored STORED = new Stored("mp-media-check", "mp_media_check", "upload_id");
    static final int FETCHABLE_HOURS = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Check(long id, UUID uploadId) {
    }

    private final MiniProgramClient client;
    private final MiniProgramSettings settings;

    public MediaChecks(Worker worker, MiniProgramClient client, MiniProgramSettings settings) {
        super(worker, STORED, settings.push().batchSize());
        this.client = client;
        this.settings = settings;
    }

    /** Queues the check of a resident's stored photo, in the caller's transaction; none in the sandbox or without a public URL. */
    Uni<Void> enqueue(UUID uploadId) {
        if (settings.sandbox() || settings.publicUrl().filter(u -> !u.isBlank()).isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("INSERT INTO mp_media_check (upload_id) VALUES (:upload)")
                .setParameter("upload", uploadId).executeUpdate()).replaceWithVoid();
    }

    @Scheduled(every = "${lianxin.wechat.miniapp.push.interval}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> startDue() {
        return runOnce().replaceWithVoid();
    }

    @Override
    protected Check item(long id, Object[] row) {
        return new Check(id, (UUID) row[0]);
    }

    @Override
    protected Uni<Void> handle(Check check) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                                UPDATE mp_media_check SET token_hash = :hash, fetchable_until = now() + make_interval(hours => :hours)
                                WHERE id = :id""")
                        .setParameter("hash", Sha256.hex(token)).setParameter("hours", FETCHABLE_HOURS).setParameter("id", check.id()).executeUpdate()
                        .chain(() -> s.createNativeQuery("""
                                        SELECT r.openid FROM upload u JOIN resident r ON r.id = u.resident_id WHERE u.id = :upload""", String.class)
                                .setParameter("upload", check.uploadId()).getResultList())
                        .chain(openids -> openids.isEmpty() || openids.get(0) == null
                                ? outcome(check, "no WeChat identity to check for")
                                : client.checkMedia(openids.get(0), settings.publicUrl().orElseThrow() + MediaCheckResource.PATH + "/" + token)
                                        .chain(trace -> s.createNativeQuery("UPDATE upload SET media_trace_id = :trace WHERE id = :upload")
                                                .setParameter("trace", trace).setParameter("upload", check.uploadId()).executeUpdate()
                                                .chain(() -> outcome(check, "checking, trace_id " + trace)))));
    }

    private static Uni<Void> outcome(Check check, String outcome) {
        return Panache.getSession().chain(s -> s.createNativeQuery("UPDATE mp_media_check SET outcome = :outcome WHERE id = :id")
                .setParameter("outcome", outcome).setParameter("id", check.id()).executeUpdate()).replaceWithVoid();
    }

    /** The photo a check's URL offers while WeChat may fetch it; null for any other token, or once the time is up. */
    Uni<UUID> photoFor(String token) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "SELECT upload_id FROM mp_media_check WHERE token_hash = :hash AND fetchable_until > now()", UUID.class)
                .setParameter("hash", Sha256.hex(token)).getResultList())
                .map(found -> found.isEmpty() ? null : found.get(0));
    }
}
