package dev.hallway.publish;

import java.time.Instant;

/**
 * A feed page rendered once and served many times: its bytes and their gzip form (compressed once, not per
 * request), the strong ETag of each, and Last-Modified.
 */
record RenderedFeed(byte[] body, byte[] gzipped, String etag, String gzipEtag, Instant lastModified, String version) {
}
