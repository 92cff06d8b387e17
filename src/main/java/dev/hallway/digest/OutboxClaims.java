package dev.hallway.digest;

import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Leases;
import dev.hallway.subscribe.SubscriberStatus;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * Who sends which outbox message. Messages are claimed in batches with a lease ({@link Leases}: one conditional
 * UPDATE, so instances sharing the database never send the same message; it runs out by itself if the instance
 * dies), and a stopping instance lets its sends in progress finish, then gives back whatever it still holds.
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

    /** A message this instance now holds, with what sending it needs. */
    record Claimed(long id, String week, String messageId, long subscriberId, String email, List<String> series,
                   int bounces) {
    }

    /** What one batch claim won: the messages to send, those skipped (the subscriber left), and the lease's start. */
    record Batch(List<Claimed> messages, List<Long> skipped, Instant claimedAt) {
    }

    /**
     * Claims up to {@code max} due messages in one transaction: the oldest due rows this instance is not sending
     * already, taken with one conditional UPDATE ({@link Leases}: another instance taking the same rows gets none
     * of them), read back with their subscribers in one query. A message whose subscriber is no longer confirmed is
     * marked skipped in the same transaction; one without a Message-ID yet (queued by an older version) gets one
     * now, kept across retries. Every
     * message returned (skipped ones aside) must end with {@link #done}.
     */
    Batch claimBatch(int max, Supplier<String> newMessageId) {
        Instant now = clock.instant();
        List<Long> candidates = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.getEntityManager()
                .createQuery("select m.id from OutboxMessage m where " + DUE + " order by m.id", Long.class)
                .setParameter("pending", OutboxStatus.PENDING).setParameter("sending", OutboxStatus.SENDING)
                .setParameter("now", now).setMaxResults(max).getResultList());
        List<Long> mine = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return new Batch(List.of(), List.of(), now);
            }
            for (Long id : candidates) {
                // before the UPDATE, so a drain starting now waits for these too; and another pass of this instance
                // (the lease owner alone cannot tell its rows from ours) claims each id at most once
                if (sending.add(id)) {
                    mine.add(id);
                }
            }
        }
        if (mine.isEmpty()) {
            return new Batch(List.of(), List.of(), now);
        }
        Parameters take = leases.take(config.digest().lease());
        Batch batch = null;
        try {
            batch = QuarkusTransaction.requiringNew().call(() -> {
                OutboxMessage.update("status = :sending, " + Leases.TAKE + " where id in :ids and " + DUE,
                        take.and("ids", mine).and("sending", OutboxStatus.SENDING).and("pending", OutboxStatus.PENDING));
                List<Object[]> rows = OutboxMessage.getEntityManager().createQuery(
                                "select m.id, m.week, m.messageId, m.subscriberId, s.email, s.status, s.series, s.bounces"
                                        + " from OutboxMessage m left join Subscriber s on s.id = m.subscriberId"
                                        + " where m.id in :ids and m.status = :sending and " + Leases.OURS + " order by m.id",
                                Object[].class)
                        .setParameter("ids", mine).setParameter("sending", OutboxStatus.SENDING)
                        .setParameter("owner", leases.owner()).getResultList();
                List<Claimed> messages = new ArrayList<>(rows.size());
                List<Long> skipped = new ArrayList<>();
                for (Object[] r : rows) {
                    long id = (Long) r[0];
                    if (r[5] != SubscriberStatus.CONFIRMED) {
                        skipped.add(id);
                        continue;
                    }
                    String messageId = (String) r[2];
                    if (messageId == null) {
                        messageId = newMessageId.get();
                        OutboxMessage.update("messageId = ?1 where id = ?2", messageId, id);
                    }
                    @SuppressWarnings("unchecked")
                    List<String> series = (List<String>) r[6];
                    messages.add(new Claimed(id, (String) r[1], messageId, (Long) r[3], (String) r[4], series,
                            r[7] == null ? 0 : (Integer) r[7]));
                }
                if (!skipped.isEmpty()) {
                    OutboxMessage.update("status = :skipped, " + Leases.GIVE_BACK + " where id in :ids",
                            Parameters.with("skipped", OutboxStatus.SKIPPED).and("ids", skipped));
                }
                return new Batch(messages, skipped, now);
            });
            return batch;
        } finally {
            // rows not won (another instance was first) or skipped are not being sent here
            Set<Long> keep = new HashSet<>();
            if (batch != null) {
                batch.messages().forEach(m -> keep.add(m.id()));
            }
            synchronized (this) {
                for (Long id : mine) {
                    if (!keep.contains(id)) {
                        sending.remove(id);
                    }
                }
                notifyAll();
            }
        }
    }

    /**
     * Whether a message of a batch claimed at {@code claimedAt} may still be started: not when shutting down, and
     * only while at least half the lease is left, so a send started now ends (hallway.mail.send-timeout) long before
     * another instance may take the row over.
     */
    boolean mayStart(Instant claimedAt) {
        synchronized (this) {
            if (closed) {
                return false;
            }
        }
        return clock.instant().isBefore(claimedAt.plus(config.digest().lease().dividedBy(2)));
    }

    /** Gives back messages claimed and not started (the lease half gone, or shutting down), if still ours. */
    void giveBackUnstarted(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update(
                    "status = :pending, " + Leases.GIVE_BACK + " where id in :ids and status = :sending and " + Leases.OURS,
                    leases.ours().and("ids", ids).and("pending", OutboxStatus.PENDING).and("sending", OutboxStatus.SENDING)));
        } finally {
            ids.forEach(this::done);
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
