package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who polls which feed. A feed is polled only by the instance holding its lease; the lease is taken with one
 * conditional UPDATE (atomic on any database, so several instances can share one) and expires on its own if the
 * instance dies.
 */
@ApplicationScoped
public class PollClaims {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    private final String instanceId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String instanceId() {
        return instanceId;
    }

    /** Claims up to {@code max} due feeds, oldest due first. */
    public List<Long> claimDue(int max) {
        if (max <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Long> candidates = QuarkusTransaction.requiringNew().call(() -> Source.<Source>find(
                        "active = true and status <> ?1 and nextPollAt <= ?2 and (leaseUntil is null or leaseUntil < ?2) order by nextPollAt",
                        SourceStatus.DISABLED, now)
                .page(0, max).list().stream().map(s -> s.id).toList());
        List<Long> claimed = new ArrayList<>();
        for (Long id : candidates) {
            if (claim(id, true)) {
                claimed.add(id);
            }
        }
        return claimed;
    }

    /**
     * Takes the lease on one feed.
     *
     * @param onlyIfDue false for polls an operator asked for: they run even before the feed is due
     */
    public boolean claim(long sourceId, boolean onlyIfDue) {
        Instant now = clock.instant();
        Instant until = now.plus(config.poll().lease());
        return QuarkusTransaction.requiringNew().call(() -> Source.update(
                "leaseOwner = ?1, leaseUntil = ?2 where id = ?3 and (leaseUntil is null or leaseUntil < ?4)"
                        + (onlyIfDue ? " and nextPollAt <= ?4 and active = true" : ""),
                instanceId, until, sourceId, now) == 1);
    }

    /** Gives a lease back, inside the caller's transaction, if this instance still holds it. */
    void releaseInTransaction(Source source) {
        if (instanceId.equals(source.leaseOwner)) {
            source.leaseOwner = null;
            source.leaseUntil = null;
        }
    }

    /** Gives back leases of feeds claimed but never polled (shutdown, rejected work). */
    public void release(long sourceId) {
        QuarkusTransaction.requiringNew().run(() -> Source.update(
                "leaseOwner = null, leaseUntil = null where id = ?1 and leaseOwner = ?2", sourceId, instanceId));
    }
}
