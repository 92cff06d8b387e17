package dev.hallway.publish;

import io.vertx.core.http.HttpHeaders;

/** The formats every feed is published in, side by side: /feed.atom and /feed.json hold the same entries. */
enum FeedFormat {
    ATOM(".atom", FeedResource.ATOM),
    JSON(".json", FeedResource.JSON_FEED);

    /** Ends the feed's path (/feed.atom) and its cache keys. */
    final String extension;
    final String contentType;
    /** {@link #contentType} as the event loop writes it. */
    final CharSequence contentTypeHeader;

    FeedFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
        this.contentTypeHeader = HttpHeaders.createOptimized(contentType);
    }
}
