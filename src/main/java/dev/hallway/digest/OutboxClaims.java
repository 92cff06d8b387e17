package dev.hallway.digest;

import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Leases;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
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
 * Who sends which outbox message. A message is claimed with a lease ({@link Leases}: one conditional UPDATE, so
 * instances sharing the database never send the same message; it runs out by itself if the instance dies), and a
 * stopping instance lets its sends in progress finish, then gives back whatever it still holds.
 */
@ApplicationScoped
public class OutboxClaims {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    Leases leases;

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
            won = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.update(
                    "status = :sending, " + Leases.TAKE + " where id = :id and " + DUE,
                    leases.take(config.digest().lease()).and("id", id).and("sending", OutboxStatus.SENDING)
                            .and("pending", OutboxStatus.PENDING)) == 1);
            return won;
        } finally {
            if (!won) {
                done(id);
            }
        }
    }

    /**
     * JPQL: a message to send at {@code :now} — pending and due, or claimed by a sender that died (its lease ran out).
     * Parameters {@code :pending}, {@code :sending}, {@code :now}.
     */
    static final String DUE = "((status = :pending and nextAttemptAt <= :now) or (status = :sending and " + Leases.FREE + "))";

    /** Whether this instance still holds the message: not once it gave it back at shutdown or another took it over. */
    boolean holds(OutboxMessage message) {
        return leases.holds(message.leaseOwner);
    }

    /** The end of an attempt, inside the caller's transaction: the message names no holder any more. */
    static void giveBack(OutboxMessage message) {
        message.leaseOwner = null;
        message.leaseUntil = null;
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
                "status = :pending, " + Leases.GIVE_BACK + " where status = :sending and " + Leases.OURS,
                leases.ours().and("pending", OutboxStatus.PENDING).and("sending", OutboxStatus.SENDING)));
        if (released > 0) {
            Log.infof("gave back %d claimed digest messages", released);
        }
    }
}
