package dev.hallway.poll;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How one poll ended. */
public enum PollResult {
    /** New body, parsed and stored. */
    OK,
    /** 304: nothing parsed, nothing stored. */
    NOT_MODIFIED,
    /** 200 with the very bytes we already had: treated like a 304. */
    UNCHANGED,
    /** 429 or 503: the server asked us to come back later. */
    THROTTLED,
    /** 410: the feed is gone for good and is disabled. */
    GONE,
    /** Network error, timeout, HTTP error, body over the cap, or not a feed. */
    FAILED,
    /** Another poll of this feed was already running. */
    BUSY;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
