package dev.hallway.digest;

import java.time.Instant;

/** A digest message that failed for good or is waiting to be retried, and why: admin data (/admin/digests). */
public record DeliveryProblem(String week, long subscriberId, String email, OutboxStatus status, int attempts,
                              String lastError, Instant nextAttemptAt) {
}
