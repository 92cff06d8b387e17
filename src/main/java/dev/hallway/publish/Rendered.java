package dev.hallway.publish;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * A response rendered once and served many times: its bytes, and for the feeds their gzip form (compressed
 * once, not per request), the strong ETag of each, and Last-Modified. The bytes are also kept off-heap, ready for
 * the event loop to write to a socket without a copy ({@link CachedRoutes}).
 */
final class Rendered {

    private final byte[] body;
    private final byte[] gzipped;
    private final String etag;
    private final String gzipEtag;
    private final Instant lastModified;
    private final String version;
    private final String contentType;
    final Buffer bodyBuffer;
    final Buffer gzipBuffer;
    /** Header values as sent, computed once. */
    final String bodyLength;
    final String gzipLength;
    final String lastModifiedHeader;
    /** A feed page's Link header (its WebSub hub and itself), or null. */
    final String linkHeader;

    private Rendered(byte[] body, byte[] gzipped, String etag, String gzipEtag, Instant lastModified,
                     String lastModifiedHeader, String contentType, String version, String linkHeader) {
        this.body = body;
        this.gzipped = gzipped;
        this.etag = etag;
        this.gzipEtag = gzipEtag;
        this.lastModified = lastModified;
        this.lastModifiedHeader = lastModifiedHeader;
        this.contentType = contentType;
        this.version = version;
        this.linkHeader = linkHeader;
        this.bodyBuffer = offHeap(body);
        this.gzipBuffer = gzipped == null ? null : offHeap(gzipped);
        this.bodyLength = Integer.toString(body.length);
        this.gzipLength = gzipped == null ? null : Integer.toString(gzipped.length);
    }

    /** A feed page: both forms, their ETags, Last-Modified (whole seconds) as the HTTP header writes it. */
    static Rendered feed(FeedFormat format, byte[] body, byte[] gzipped, String etag, String gzipEtag, Instant lastModified,
                         String lastModifiedHeader, String version, String linkHeader) {
        return new Rendered(body, gzipped, etag, gzipEtag, lastModified, lastModifiedHeader, format.contentType, version,
                linkHeader);
    }

    /** An HTML page or a JSON document (compressed per request by the server, as before; no ETag). */
    static Rendered page(byte[] body, String contentType, String version) {
        return new Rendered(body, null, null, null, null, null, contentType, version, null);
    }

    /** A direct buffer that is never released: each response writes a slice of it. Freed by the GC with this object. */
    private static Buffer offHeap(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
    }

    /** Memory this response holds: each form twice, on the heap and off-heap. */
    long bytesHeld() {
        return 2L * (body.length + (gzipped == null ? 0 : gzipped.length));
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
