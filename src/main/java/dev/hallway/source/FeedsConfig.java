package dev.hallway.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * A checked feeds.yaml: every URL valid and unique, every interval parsed.
 *
 * @param conferences the {@code conferences:} part as written (checked by its owner, the conference package), or null
 */
public record FeedsConfig(Duration defaultInterval, List<FeedSpec> feeds, JsonNode conferences) {

    /**
     * One followed blog.
     *
     * @param url         the URL as written (the key that ties it to its stored source)
     * @param name        the name to show, or null to use the feed's own title
     * @param conference  a conference this feed is known to cover only, or null
     * @param fullText    {@code fulltext:} — fetch each new post's page for its full text (true), never (false), or
     *                    when the feed looks summary-only (null: not set)
     * @param fingerprint changes whenever this feed's entry in the file changes
     */
    public record FeedSpec(String url, String name, List<String> tags, String conference, Duration interval,
                           boolean enabled, Boolean fullText, String fingerprint) {
    }
}
