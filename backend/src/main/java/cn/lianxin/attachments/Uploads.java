package cn.lianxin.attachments;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The one place files are kept: residents' photos and staff's reply attachments. The type is read from the
 * file's first bytes (whatever the client claims) and must be one the purpose allows, the size is limited, and
 * the file is kept under the uploads directory with its SHA-256.
 */
@ApplicationScoped
public class Uploads {

    /** A stored file's bytes, for someone who may see it. */
    public record Content(String contentType, byte[] bytes) {
        /** The file as an answer; browsers must not second-guess its type. */
        public Response.ResponseBuilder answer() {
            return Response.ok(bytes, contentType).header("X-Content-Type-Options", "nosniff");
        }
    }

    /** What we accept, recognised by magic bytes. */
    enum FileType {
        JPEG("image/jpeg", "jpeg"), PNG("image/png", "png"), WEBP("image/webp", "webp"), PDF("application/pdf", "pdf");

        final String contentType;
        final String extension;

        FileType(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }

    /** Residents send photos of what is wrong; staff may also answer with a document (a notice, a scanned letter). */
    private static final Set<FileType> PHOTOS = EnumSet.of(FileType.JPEG, FileType.PNG, FileType.WEBP);
    private static final Set<FileType> ATTACHMENTS = EnumSet.of(FileType.JPEG, FileType.PNG, FileType.WEBP, FileType.PDF);
    /** As many files as a reply may carry: as many as a resident may send with a case. */
    public static final int MAX_PER_CASE = 9;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final Vertx vertx;
    private final UploadQuota quota;
    private final Path directory;
    private final long maxBytes;

    public Uploads(Vertx vertx, UploadQuota quota, @ConfigProperty(name = "lianxin.uploads.directory") Path directory,
            @ConfigProperty(name = "lianxin.uploads.max-bytes") long maxBytes) {
        this.vertx = vertx;
        this.quota = quota;
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /**
     * A resident's photo (JPEG, PNG or WebP), not yet attached to a case. The resident's quota is asked after the
     * size check and before the transaction: a refused file costs neither quota nor a connection.
     */
    public Uni<Upload> storePhoto(UUID residentId, FileUpload file) {
        checkSize(file);
        Upload upload = new Upload();
        upload.residentId = residentId;
        return quota.take(residentId, file.size()).chain(() -> Panache.withTransaction(() -> store(upload, file, PHOTOS,
                "图片只能是 JPEG、PNG 或 WebP (only JPEG, PNG or WebP photos)", "is not a JPEG, PNG or WebP image")));
    }

    /** A staff member's attachment for a reply (an image or a PDF), owned by them until a reply uses it. */
    @WithTransaction
    public Uni<Upload> storeAttachment(String staffUsername, FileUpload file) {
        checkSize(file);
        Upload upload = new Upload();
        upload.staffUsername = staffUsername;
        return store(upload, file, ATTACHMENTS, "附件只能是 JPEG、PNG、WebP 图片或 PDF (only JPEG, PNG, WebP images or PDF documents)",
                "is not a JPEG, PNG or WebP image or a PDF document");
    }

    private void checkSize(FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalidField("file", "is required (multipart/form-data field \"file\")");
        }
        if (file.size() > maxBytes) {
            throw new ApiException(new Problem("https://lianxin.cn/problems/too-large", "Payload too large", 413,
                    "文件不能超过 " + maxBytes / (1024 * 1024) + " MB (the file is larger than " + maxBytes + " bytes).",
                    List.of(new Problem.FieldError("file", "is larger than " + maxBytes + " bytes")), null, List.of()));
        }
    }

    private Uni<Upload> store(Upload upload, FileUpload file, Set<FileType> allowed, String refusal, String fieldMessage) {
        upload.id = UUID.randomUUID();
        upload.createdAt = OffsetDateTime.now();
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            FileType type = sniff(file.uploadedFile());
            if (type == null || !allowed.contains(type)) {
                throw new ApiException(new Problem("https://lianxin.cn/problems/unsupported-type", "Unsupported media type", 415,
                        refusal + ".", List.of(new Problem.FieldError("file", fieldMessage)), null, List.of()));
            }
            return keep(upload, type, file.uploadedFile());
        })).chain(u -> u.<Upload>persist());
    }

    /** The file if it is the resident's own or belongs to one of their cases (a reply's attachments too); 404 otherwise. */
    @WithSession
    public Uni<Content> read(UUID id, UUID residentId) {
        return Upload.<Upload>find("""
                id = ?1 and (residentId = ?2 or caseId in (select c.id from CaseFile c where c.residentId = ?2))""", id, residentId)
                .firstResult().chain(u -> content(u, id));
    }

    /** The resident's photos of a case, oldest first; the caller has already been found to see the case. */
    public Uni<List<Upload>> photosOf(UUID caseId) {
        return Upload.list("caseId = ?1 and residentId is not null order by createdAt, id", caseId);
    }

    /** The photos of a case staff see: a photo WeChat's content check found risky stays hidden until the town office releases it. */
    public Uni<List<Upload>> photosForStaffOf(UUID caseId) {
        return Upload.list("caseId = ?1 and residentId is not null and hidden = false order by createdAt, id", caseId);
    }

    /** The hidden photos of a case, for the town office to look at. */
    public Uni<List<Upload>> hiddenPhotosOf(UUID caseId) {
        return Upload.list("caseId = ?1 and hidden = true order by createdAt, id", caseId);
    }

    /** WeChat's verdict on the photo it checked under {@code traceId}; @return false when no photo has it (yet). */
    public Uni<Boolean> mediaChecked(String traceId, String suggest, String label) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        UPDATE upload SET media_suggest = :suggest, media_label = :label,
                            hidden = (:suggest = 'risky' AND reviewed_at IS NULL)
                        WHERE media_trace_id = :trace""")
                .setParameter("suggest", suggest).setParameter("label", label).setParameter("trace", traceId).executeUpdate())
                .map(updated -> updated == 1);
    }

    /**
     * The town office has looked at a photo found risky: shown to staff again, or kept hidden; who and when are kept.
     * 404 when it is no such photo of the case.
     */
    @WithTransaction
    public Uni<Upload> review(UUID caseId, UUID id, String username, boolean release) {
        return Upload.<Upload>find("id = ?1 and caseId = ?2 and mediaSuggest = 'risky'", id, caseId).firstResult().map(u -> {
            if (u == null) {
                throw ApiException.notFound("A photo of this case found risky " + id);
            }
            u.hidden = !release;
            u.reviewedBy = username;
            u.reviewedAt = OffsetDateTime.now();
            return u;
        });
    }

    /** A photo by id alone, for the content check's one-time URL; the caller has checked the token. */
    @WithSession
    public Uni<Content> readForCheck(UUID id) {
        return Upload.<Upload>findById(id).chain(u -> content(u, id));
    }

    /** The files of the case's current reply (none before a reply, or after a reopen cleared it), in the order given. */
    public Uni<List<Upload>> replyAttachmentsOf(UUID caseId, boolean replied) {
        if (!replied) {
            return Uni.createFrom().item(List.of());
        }
        return Upload.list("""
                caseId = ?1 and activityId = (select max(a.id) from CaseActivity a where a.caseId = ?1 and a.action = 'REPLY')
                order by createdAt, id""", caseId);
    }

    /**
     * Refuses (422, naming {@code attachmentIds[i]}) any id that is not the caller's own upload or that another reply
     * already used; so a reply never shows someone else's file and a file joins one case.
     */
    public Uni<Void> checkUnused(String staffUsername, List<UUID> ids) {
        return checkUnused(staffUsername, ids, "attachmentIds", ATTACHMENTS, "an attachment");
    }

    /** The same check for a visit record's photos ({@code photoIds[i]}), which must be images. */
    public Uni<Void> checkUnusedPhotos(String staffUsername, List<UUID> ids) {
        return checkUnused(staffUsername, ids, "photoIds", PHOTOS, "a photo (JPEG, PNG or WebP)");
    }

    private static Uni<Void> checkUnused(String staffUsername, List<UUID> ids, String field, Set<FileType> allowed, String what) {
        if (ids.size() > MAX_PER_CASE) {
            throw ApiException.invalidField(field, "at most " + MAX_PER_CASE + " files");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || ids.indexOf(ids.get(i)) != i) {
                throw ApiException.invalidField(field + "[" + i + "]", "is missing or listed twice");
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> types = allowed.stream().map(t -> t.contentType).toList();
        return Upload.<Upload>list("id in ?1 and staffUsername = ?2 and caseId is null and visitId is null and contentType in ?3",
                ids, staffUsername, types).map(found -> {
                    Set<UUID> usable = found.stream().map(u -> u.id).collect(Collectors.toSet());
                    for (int i = 0; i < ids.size(); i++) {
                        if (!usable.contains(ids.get(i))) {
                            throw ApiException.invalidField(field + "[" + i + "]", "must be " + what + " you uploaded that nothing has used yet");
                        }
                    }
                    return null;
                });
    }

    /** Joins checked attachments to the case and the reply's record line; a reply racing for the same file loses. */
    public Uni<Void> attachToReply(String staffUsername, List<UUID> ids, UUID caseId, long activityId) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Upload.update("caseId = ?1, activityId = ?2 where id in ?3 and staffUsername = ?4 and caseId is null and visitId is null",
                caseId, activityId, ids, staffUsername).map(updated -> joined(updated, ids, "attachmentIds", "reply"));
    }

    /**
     * Joins checked photos to the visit record, through the session's own entities (locked), so that the visit read
     * back in the same session shows them; a visit racing another visit or a reply for the same file loses.
     */
    public Uni<Void> attachToVisit(String staffUsername, List<UUID> ids, UUID visitId) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Upload.<Upload>find("id in ?1 and staffUsername = ?2 and caseId is null and visitId is null", ids, staffUsername)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().map(found -> {
                    found.forEach(u -> u.visitId = visitId);
                    return joined(found.size(), ids, "photoIds", "visit or reply");
                });
    }

    private static Void joined(int updated, List<UUID> ids, String field, String other) {
        if (updated != ids.size()) {
            throw ApiException.invalidField(field, "another " + other + " has just used one of these files");
        }
        return null;
    }

    /** The photos of these visits, oldest first; the caller has already been found to see the visits. */
    public Uni<List<Upload>> photosOfVisits(List<UUID> visitIds) {
        return visitIds.isEmpty() ? Uni.createFrom().item(List.of()) : Upload.list("visitId in ?1 order by createdAt, id", visitIds);
    }

    /** One photo of a visit the caller sees; 404 when it belongs to another. */
    public Uni<Content> readOfVisit(UUID visitId, UUID id) {
        return Upload.<Upload>find("id = ?1 and visitId = ?2", id, visitId).firstResult().chain(u -> content(u, id));
    }

    /** One file of a case the caller sees; 404 when it belongs to another case, or is hidden and the caller may not review it. */
    public Uni<Content> readOfCase(UUID caseId, UUID id, boolean mayReview) {
        return Upload.<Upload>find("id = ?1 and caseId = ?2 and (hidden = false or ?3 = true)", id, caseId, mayReview).firstResult()
                .chain(u -> content(u, id));
    }

    private Uni<Content> content(Upload upload, UUID id) {
        if (upload == null) {
            throw ApiException.notFound("File " + id);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> new Content(upload.contentType, readBytes(upload))));
    }

    private Upload keep(Upload upload, FileType type, Path received) {
        String relative = MONTH.format(upload.createdAt) + "/" + upload.id + "." + type.extension;
        Path target = directory.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(received), sha)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            upload.sha256 = HexFormat.of().formatHex(sha.digest());
            upload.size = Files.size(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an upload under " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        upload.contentType = type.contentType;
        upload.path = relative;
        return upload;
    }

    private byte[] readBytes(Upload upload) {
        try {
            return Files.readAllBytes(directory.resolve(upload.path));
        } catch (IOException e) {
            throw new UncheckedIOException("file " + upload.id + " is missing from " + directory, e);
        }
    }

    /** The type by magic bytes, or null when it is none we know. */
    static FileType sniff(Path file) {
        byte[] head = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return FileType.JPEG;
        }
        if (read >= 8 && Arrays.equals(Arrays.copyOf(head, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return FileType.PNG;
        }
        if (read == 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return FileType.WEBP;
        }
        if (read >= 5 && Arrays.equals(Arrays.copyOf(head, 5), new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return FileType.PDF;
        }
        return null;
    }

    /** Deletes stored files by their paths under the uploads directory (an erasure's photos); a missing one is gone already. */
    public Uni<Void> deleteFiles(List<String> relativePaths) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            for (String relative : relativePaths) {
                try {
                    Files.deleteIfExists(directory.resolve(relative));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + relative + " under " + directory, e);
                }
            }
            return null;
        })).replaceWithVoid();
    }
}
