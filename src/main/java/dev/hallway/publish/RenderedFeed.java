package dev.hallway.publish;

import java.time.Instant;

/** A feed page rendered once and served many times: its bytes, strong ETag and Last-Modified. */
record RenderedFeed(byte[] body, String etag, Instant lastModified, String version) {
}
