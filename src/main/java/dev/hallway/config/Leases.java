package dev.hallway.config;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rule for rows that instances sharing a database take turns on (feeds to poll, outbox messages, jobs such as
 * a reclassification): a row is taken with one conditional UPDATE when nobody holds it or its holder's lease ran out
 * (the holder died), and it belongs to the instance its {@code leaseOwner} names — expiry alone does not take it away,
 * only another instance taking it over does. Every leased entity has {@code leaseOwner} and {@code leaseUntil}.
 */
@ApplicationScoped
public class Leases {

    /** JPQL condition: the row is free to take at {@code :now}. */
    public static final String FREE = "(leaseUntil is null or leaseUntil < :now)";
    /** JPQL condition: this instance holds the row ({@code :owner}). */
    public static final String OURS = "leaseOwner = :owner";
    /** JPQL assignment taking the row until {@code :until}. */
    public static final String TAKE = "leaseOwner = :owner, leaseUntil = :until";
    /** JPQL assignment giving the row back. */
    public static final String GIVE_BACK = "leaseOwner = null, leaseUntil = null";

    @Inject
    InstanceId instance;
    @Inject
    Clock clock;

    public String owner() {
        return instance.value();
    }

    /** Whether a row as read names this instance as its holder. */
    public boolean holds(String leaseOwner) {
        return owner().equals(leaseOwner);
    }

    /** {@code :owner}, {@code :now} and {@code :until} (now + length) for {@link #TAKE} … {@link #FREE}. */
    public Parameters take(Duration length) {
        Instant now = clock.instant();
        return Parameters.with("owner", owner()).and("now", now).and("until", now.plus(length));
    }

    /** {@code :owner} for {@link #OURS}. */
    public Parameters ours() {
        return Parameters.with("owner", owner());
    }
}
