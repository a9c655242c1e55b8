package cn.lianxin.channels.miniprogram;

import cn.lianxin.api.ApiException;
import cn.lianxin.api.Problem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Residents' photos: the type is read from the file's first bytes (JPEG, PNG or WebP; whatever the client
 * claims), the size is limited, and the file is kept under the uploads directory with its SHA-256.
 */
@ApplicationScoped
public class Uploads {

    /** A stored photo's bytes, for its owner. */
    public record Content(String contentType, byte[] bytes) {
    }

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    private final Vertx vertx;
    private final Path directory;
    private final long maxBytes;

    public Uploads(Vertx vertx, @ConfigProperty(name = "lianxin.uploads.directory") Path directory,
            @ConfigProperty(name = "lianxin.uploads.max-bytes") long maxBytes) {
        this.vertx = vertx;
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    @WithTransaction
    public Uni<Upload> store(UUID residentId, FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalidField("file", "is required (multipart/form-data field \"file\")");
        }
        if (file.size() > maxBytes) {
            throw new ApiException(new Problem("https://lianxin.cn/problems/too-large", "Payload too large", 413,
                    "图片不能超过 " + maxBytes / (1024 * 1024) + " MB (the photo is larger than " + maxBytes + " bytes).",
                    List.of(new Problem.FieldError("file", "is larger than " + maxBytes + " bytes")), null, List.of()));
        }
        Upload upload = new Upload();
        upload.id = UUID.randomUUID();
        upload.residentId = residentId;
        upload.createdAt = OffsetDateTime.now();
        return vertx.executeBlocking(Uni.createFrom().item(() -> keep(upload, file.uploadedFile())))
                .chain(u -> u.<Upload>persist());
    }

    /** The photo if it is the resident's own or belongs to one of their cases; 404 otherwise. */
    @WithSession
    public Uni<Content> read(UUID id, UUID residentId) {
        return Upload.<Upload>find("""
                id = ?1 and (residentId = ?2 or caseId in (select c.id from CaseFile c where c.residentId = ?2))""", id, residentId)
                .firstResult().chain(u -> content(u, id));
    }

    /** The photos of a case, oldest first; the caller has already been found to see the case. */
    public Uni<List<Upload>> ofCase(UUID caseId) {
        return Upload.list("caseId = ?1 order by createdAt, id", caseId);
    }

    /** One photo of a case the caller sees; 404 when it belongs to another case. */
    public Uni<Content> readOfCase(UUID caseId, UUID id) {
        return Upload.<Upload>find("id = ?1 and caseId = ?2", id, caseId).firstResult().chain(u -> content(u, id));
    }

    private Uni<Content> content(Upload upload, UUID id) {
        if (upload == null) {
            throw ApiException.notFound("Photo " + id);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> new Content(upload.contentType, readBytes(upload))));
    }

    private Upload keep(Upload upload, Path received) {
        String type = sniff(received);
        String relative = MONTH.format(upload.createdAt) + "/" + upload.id + "." + type.substring("image/".length());
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
        upload.contentType = type;
        upload.path = relative;
        return upload;
    }

    private byte[] readBytes(Upload upload) {
        try {
            return Files.readAllBytes(directory.resolve(upload.path));
        } catch (IOException e) {
            throw new UncheckedIOException("photo " + upload.id + " is missing from " + directory, e);
        }
    }

    /** The image type by magic bytes; anything else is refused before it is stored. */
    static String sniff(Path file) {
        byte[] head = new byte[12];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        if (read >= 8 && Arrays.equals(Arrays.copyOf(head, 8), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return "image/png";
        }
        if (read == 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        throw new ApiException(new Problem("https://lianxin.cn/problems/unsupported-type", "Unsupported media type", 415,
                "只能上传 JPEG、PNG 或 WebP 图片 (only JPEG, PNG or WebP photos).",
                List.of(new Problem.FieldError("file", "is not a JPEG, PNG or WebP image")), null, List.of()));
    }
}
