package dev.hallway.digest;

import java.time.Instant;

/** A digest in the archive list and in /admin/digests. */
public record DigestSummary(String week, String subject, Instant builtAt, int reports, int conferences,
                            long recipients, long sent, long pending, long failed) {
}
