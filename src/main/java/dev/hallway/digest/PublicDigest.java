package dev.hallway.digest;

import java.time.Instant;

/** A digest as the public archive lists it (GET /digests as JSON): what it holds, never who received it. */
public record PublicDigest(String week, String subject, Instant builtAt, int reports, int conferences) {

    static PublicDigest of(DigestSummary summary) {
        return new PublicDigest(summary.week(), summary.subject(), summary.builtAt(), summary.reports(), summary.conferences());
    }
}
