package dev.hallway.digest;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum OutboxStatus {
    /** Waiting to be sent (first time or after a passing failure). */
    PENDING,
    /** Claimed by an instance that is sending it now. */
    SENDING,
    SENT,
    /** Given up: permanent rejection or too many attempts. */
    FAILED,
    /** Not sent because the subscriber left or bounced before it went out. */
    SKIPPED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
