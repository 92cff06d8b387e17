package dev.hallway.publish;

import dev.hallway.entry.Entry;

/**
 * The tag: URIs (RFC 4151) that identify a feed and its entries, the same in every format: an entry's id is made of
 * its dedupe key, which never changes, so it keeps its id however often the post is edited.
 */
final class FeedIds {

    private final String tagAuthority;

    /** @param baseUrl hallway.base-url; its host names the authority (localhost when it has none) */
    FeedIds(String baseUrl) {
        this.tagAuthority = dev.hallway.config.BaseUrl.host(baseUrl, "localhost");
    }

    String feed(FeedScope scope) {
        return "tag:" + tagAuthority + ",2026:hallway/" + scope.key();
    }

    String entry(Entry e) {
        return "tag:" + tagAuthority + ",2026:entry/" + e.dedupeKey;
    }
}
