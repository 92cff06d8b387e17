package dev.hallway.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * A response rendered once and served many times: its bytes and their gzip form (compressed once, not per request),
 * for the feeds the strong ETag of each and Last-Modified. Each form is kept once, in a file of its own that
 * {@link CachedRoutes} hands to the kernel with sendfile ({@link RenderedBody}); what needs the bytes themselves (a
 * connection that cannot take a file, the REST resources' rare cases, WebSub) reads them back from the file, on a
 * worker thread. A form whose file could not be written is kept in memory instead.
 */
final class Rendered {

    private final String etag;
    private final String gzipEtag;
    private final Instant lastModified;
    private final String version;
    private final String contentType;
    final RenderedBody plain;
    final RenderedBody gzip;
    /** Header values as sent, computed once. */
    final String lastModifiedHeader;
    /** A feed page's Link header (its WebSub hub and itself), or null. */
    final String linkHeader;

    private Rendered(byte[] body, String etag, String gzipEtag, Instant lastModified, String lastModifiedHeader,
                     String contentType, String version, String linkHeader, PageFiles files) {
        this.etag = etag;
        this.gzipEtag = gzipEtag;
        this.lastModified = lastModified;
        this.lastModifiedHeader = lastModifiedHeader;
        this.contentType = contentType;
        this.version = version;
        this.linkHeader = linkHeader;
        this.plain = RenderedBody.of(body, files);
        this.gzip = RenderedBody.of(gzip(body), files);
    }

    /** A feed page: both forms, their ETags, Last-Modified (whole seconds) as the HTTP header writes it. */
    static Rendered feed(FeedFormat format, byte[] body, String etag, String gzipEtag, Instant lastModified,
                         String lastModifiedHeader, String version, String linkHeader, PageFiles files) {
        return new Rendered(body, etag, gzipEtag, lastModified, lastModifiedHeader, format.contentType, version,
                linkHeader, files);
    }

    /** An HTML page or a JSON document, both forms (no ETag); {@code files} null keeps them in memory only. */
    static Rendered page(byte[] body, String contentType, String version, PageFiles files) {
        return new Rendered(body, null, null, null, null, contentType, version, null, files);
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The plain or the gzip form. */
    RenderedBody form(boolean gzipped) {
        return gzipped ? gzip : plain;
    }

    /** What this response holds, for the cache's budget: each form once (in its file, or in memory). */
    long bytesHeld() {
        return (long) plain.length + gzip.length;
    }

    /** Lets go of the files (the cache no longer holds this response); answers in flight finish first. */
    void release() {
        plain.release();
        gzip.release();
    }

    /** The plain bytes (blocking: read back from the file), or null once the page has left the cache. */
    byte[] body() {
        return plain.read();
    }

    /** The gzip bytes (blocking: read back from the file), or null once the page has left the cache. */
    byte[] gzipped() {
        return gzip.read();
    }

    String etag() {
        return etag;
    }

    String gzipEtag() {
        return gzipEtag;
    }

    Instant lastModified() {
        return lastModified;
    }

    String version() {
        return version;
    }

    String contentType() {
        return contentType;
    }
}
