package dev.hallway.subscribe;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;

/**
 * Forgets subscription requests nobody confirmed: an address that never confirmed is deleted once its link has
 * expired (7 days after the last request); an unsubscribed address that asked again and did not confirm keeps
 * its row (its digests refer to it) but loses the expired link.
 */
@ApplicationScoped
public class UnconfirmedPurge {

    @Inject
    Clock clock;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        purge(clock.instant());
    }

    /** @return the number of unconfirmed subscriptions deleted */
    public long purge(Instant now) {
        Instant cutoff = now.minus(SubscriptionService.TOKEN_LIFETIME);
        return QuarkusTransaction.requiringNew().call(() -> {
            long deleted = Subscriber.delete("status = ?1 and confirmedAt is null and "
                    + "((confirmExpiresAt is not null and confirmExpiresAt < ?2) or (confirmExpiresAt is null and createdAt < ?3))",
                    SubscriberStatus.PENDING, now, cutoff);
            Subscriber.update("confirmTokenHash = null, confirmExpiresAt = null where status <> ?1 and confirmExpiresAt < ?2",
                    SubscriberStatus.PENDING, now);
            if (deleted > 0) {
                Log.infof("deleted %d subscription requests never confirmed within %d days", deleted,
                        SubscriptionService.TOKEN_LIFETIME.toDays());
            }
            return deleted;
        });
    }
}
