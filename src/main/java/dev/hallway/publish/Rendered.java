package dev.hallway.publish;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * A response rendered once and served many times: its bytes and their gzip form (compressed once, not per request),
 * for the feeds the strong ETag of each and Last-Modified. Each form is also written to a file of its own, which
 * {@link CachedRoutes} hands to the kernel with sendfile; the bytes in memory answer when a file is not at hand (no
 * room for it, a HEAD, a connection that cannot take a file) and are what WebSub and the tests read.
 */
final class Rendered {

    private final byte[] body;
    private final byte[] gzipped;
    private final String etag;
    private final String gzipEtag;
    private final Instant lastModified;
    private final String version;
    private final String contentType;
    /** The forms in memory as buffers the event loop writes as they are (shared, never released). */
    final Buffer bodyBuffer;
    final Buffer gzipBuffer;
    /** The forms' files for sendfile, or null when they could not be written. */
    final PageFile bodyFile;
    final PageFile gzipFile;
    /** Header values as sent, computed once. */
    final String bodyLength;
    final String gzipLength;
    final String lastModifiedHeader;
    /** A feed page's Link header (its WebSub hub and itself), or null. */
    final String linkHeader;

    private Rendered(byte[] body, String etag, String gzipEtag, Instant lastModified, String lastModifiedHeader,
                     String contentType, String version, String linkHeader, PageFiles files) {
        this.body = body;
        this.gzipped = gzip(body);
        this.etag = etag;
        this.gzipEtag = gzipEtag;
        this.lastModified = lastModified;
        this.lastModifiedHeader = lastModifiedHeader;
        this.contentType = contentType;
        this.version = version;
        this.linkHeader = linkHeader;
        this.bodyBuffer = shared(body);
        this.gzipBuffer = shared(gzipped);
        this.bodyLength = Integer.toString(body.length);
        this.gzipLength = Integer.toString(gzipped.length);
        this.bodyFile = files == null ? null : files.write(body);
        this.gzipFile = files == null ? null : files.write(gzipped);
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

    private static Buffer shared(byte[] bytes) {
        return Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes)));
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

    /** What this response holds, for the cache's budget: each form in memory and in its file. */
    long bytesHeld() {
        return 2L * (body.length + gzipped.length);
    }

    /** Lets go of the files (the cache no longer holds this response); answers in flight finish first. */
    void release() {
        if (bodyFile != null) {
            bodyFile.release();
        }
        if (gzipFile != null) {
            gzipFile.release();
        }
    }

    byte[] body() {
        return body;
    }

    byte[] gzipped() {
        return gzipped;
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
