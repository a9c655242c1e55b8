package cn.lianxin.attachments;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes uploads that no case took within {@code lianxin.uploads.unattached-for} (a photo picked and never
 * submitted, an attachment for a reply never sent), rows first and files after, and measures the disk the uploads
 * use ({@code lianxin_uploads_stored_bytes}) and what is left on it ({@code lianxin_uploads_free_bytes}).
 * The row goes first so that a case taking the file at the same moment either wins (the row is attached and
 * stays) or finds no file to take; a crash between the two leaves a file without a row, never a row without a file.
 */
@ApplicationScoped
public class UnattachedUploads {

    /** What one sweep did. */
    public record Sweep(int deleted, long storedBytes) {
    }

    private static final Logger LOG = Logger.getLogger(UnattachedUploads.class);
    private static final int BATCH = 500;

    private final Pool pool;
    private final Vertx vertx;
    private final Path directory;
    private final Duration unattachedFor;
    private final AtomicLong storedBytes = new AtomicLong();

    public UnattachedUploads(Pool pool, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "lianxin.uploads.directory") Path directory,
            @ConfigProperty(name = "lianxin.uploads.unattached-for") Duration unattachedFor) {
        this.pool = pool;
        this.vertx = vertx;
        this.directory = directory;
        this.unattachedFor = unattachedFor;
        Gauge.builder("lianxin.uploads.stored", storedBytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of every stored upload, at the last sweep").register(registry);
        Gauge.builder("lianxin.uploads.free", this, UnattachedUploads::freeBytes).baseUnit("bytes")
                .description("Usable space left on the uploads directory's disk").register(registry);
    }

    @Scheduled(every = "${lianxin.uploads.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Unattached uploads not swept, they wait for the next round: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Deletes every expired unattached upload, a batch at a time, then measures the space used. */
    public Uni<Sweep> sweep() {
        return deleteAll(0).chain(deleted -> pool.query("SELECT coalesce(sum(size), 0)::bigint FROM upload").execute()
                .map(rows -> {
                    storedBytes.set(rows.iterator().next().getLong(0));
                    return new Sweep(deleted, storedBytes.get());
                }));
    }

    private Uni<Integer> deleteAll(int sofar) {
        return pool.preparedQuery("""
                DELETE FROM upload WHERE id IN (SELECT id FROM upload WHERE case_id IS NULL AND visit_id IS NULL
                    AND created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING path""")
                .execute(Tuple.of((double) unattachedFor.toSeconds(), BATCH))
                .chain(rows -> {
                    List<String> paths = new ArrayList<>();
                    for (Row row : rows) {
                        paths.add(row.getString("path"));
                    }
                    return vertx.executeBlocking(Uni.createFrom().item(() -> {
                        paths.forEach(this::deleteFile);
                        return paths.size();
                    }));
                })
                .chain(n -> n < BATCH ? Uni.createFrom().item(sofar + n) : deleteAll(sofar + n));
    }

    private void deleteFile(String relative) {
        try {
            Files.deleteIfExists(directory.resolve(relative));
        } catch (IOException e) {
            LOG.warnf("Could not delete the unattached upload %s: %s", relative, e.getMessage());
        }
    }

    private double freeBytes() {
        try {
            Path existing = Files.isDirectory(directory) ? directory : directory.toAbsolutePath().getParent();
            return existing == null ? Double.NaN : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
