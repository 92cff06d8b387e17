package dev.hallway.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a page of entries ended: the last entry's publication time and id, opaque to clients. */
public record EntryCursor(Instant published, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((published.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this service made */
    public static EntryCursor decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            return new EntryCursor(Instant.parse(plain.substring(0, bar)), Long.parseLong(plain.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor: use the nextCursor of a previous page");
        }
    }
}
