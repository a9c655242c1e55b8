package cn.lianxin.attachments;

import java.util.UUID;

/** A stored file as staff see it: what it is, its checksum, and where to fetch it (with the staff token). */
public record FileView(UUID id, String contentType, long size, String sha256, String url) {

    public static FileView of(Upload upload, String url) {
        return new FileView(upload.id, upload.contentType, upload.size, upload.sha256, url);
    }
}
