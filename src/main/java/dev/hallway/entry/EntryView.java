package dev.hallway.entry;

import dev.hallway.conference.Classification;

import java.time.Instant;
import java.util.List;

/**
 * An entry as the JSON API shows it: every normalized field and every feed that carried it. {@code textPrunedAt}: when
 * retention took its summary and content away (null: it has them).
 */
public record EntryView(long id, String title, String url, String canonicalUrl, String guid, List<String> authors,
                        Instant published, Instant updated, boolean dateMissing, boolean dateClamped,
                        String language, List<String> tags, String summary, String contentHtml,
                        SourceRef source, Instant firstSeenAt, Instant lastSeenAt, List<SightingView> sightings,
                        Classification conference, Instant textPrunedAt) {

    public record SourceRef(long id, String name) {
    }

    public record SightingView(long sourceId, String sourceName, String url, String guid, Instant firstSeenAt,
                               Instant lastSeenAt) {
    }

    /** A page of entries, and the cursor for the next one (null on the last page). */
    public record Page(List<EntryView> entries, String nextCursor) {
    }
}
