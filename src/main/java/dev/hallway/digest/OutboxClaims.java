package dev.hallway.digest;

import dev.hallway.config.HallwayConfig;
import dev.hallway.config.InstanceId;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Who sends which outbox message. A message is claimed with a lease by one conditional UPDATE (so instances sharing
 * the database never send the same message); the lease runs out by itself if the instance dies, and a stopping
 * instance lets its sends in progress finish, then gives back whatever it still holds.
 */
@ApplicationScoped
public class OutboxClaims {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    InstanceId instance;

    /** Messages claimed and not yet done with; guarded by this. */
    private final Set<Long> sending = new HashSet<>();
    private boolean closed;
    private long drainDeadline;

    /** One instance wins the row: a pending message, or one whose sender died (its lease ran out). */
    boolean claim(long id) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            sending.add(id); // before the UPDATE, so a drain starting now waits for this one too
        }
        boolean won = false;
        try {
            Instant now = clock.instant();
            won = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.update(
                    "status = ?1, leaseOwner = ?2, leaseUntil = ?3 where id = ?4 and "
                            + "((status = ?5 and nextAttemptAt <= ?6) or (status = ?1 and leaseUntil < ?6))",
                    OutboxStatus.SENDING, instance.value(), now.plus(config.digest().lease()), id, OutboxStatus.PENDING, now) == 1);
            return won;
        } finally {
            if (!won) {
                done(id);
            }
        }
    }

    /** Whether this instance still holds the message: not once it gave it back at shutdown or another took it over. */
    boolean holds(OutboxMessage message) {
        return instance.value().equals(message.leaseOwner);
    }

    /** The attempt on a claimed message is over, whatever its result: its row no longer names this instance. */
    synchronized void done(long id) {
        sending.remove(id);
        notifyAll();
    }

    /** Shutdown, first: no new claims (alongside the poller's, before either starts waiting). */
    void stopClaiming(@Observes @Priority(1000) ShutdownEvent event) {
        synchronized (this) {
            closed = true;
            drainDeadline = System.nanoTime() + config.shutdownWait().toNanos();
        }
    }

    /** Then sends in progress get until hallway.shutdown-wait to finish, and every claim still held is given back. */
    void drain(@Observes ShutdownEvent event) {
        int unfinished;
        synchronized (this) {
            try {
                for (long left = drainDeadline - System.nanoTime(); !sending.isEmpty() && left > 0;
                     left = drainDeadline - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unfinished = sending.size();
        }
        if (unfinished > 0) {
            // the process ends now and takes the SMTP connection with it; only a server that accepted the message
            // in this very moment would see it twice, as after a crash
            Log.warnf("%d digest messages still being sent after %s; giving them back unfinished", unfinished,
                    config.shutdownWait());
        }
        int released = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.update(
                "status = ?1, leaseOwner = null, leaseUntil = null where status = ?2 and leaseOwner = ?3",
                OutboxStatus.PENDING, OutboxStatus.SENDING, instance.value()));
        if (released > 0) {
            Log.infof("gave back %d claimed digest messages", released);
        }
    }
}
