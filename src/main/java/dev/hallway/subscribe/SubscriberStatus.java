package dev.hallway.subscribe;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum SubscriberStatus {
    /** Subscribed, confirmation link not followed yet. */
    PENDING,
    /** Receives the digest. */
    CONFIRMED,
    UNSUBSCRIBED,
    /** Too many permanent delivery failures. */
    BOUNCED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
