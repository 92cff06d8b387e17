package dev.hallway.source;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum SourceStatus {
    /** Listed but not polled yet. */
    NEW,
    /** The last poll worked. */
    OK,
    /** The last poll failed; the feed is retried with backoff. */
    FAILING,
    /** Not polled until feeds.yaml changes: the server said 410 Gone, or the file says enabled: false. */
    DISABLED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
