package dev.hallway.entry;

import dev.hallway.common.SqlErrors;
import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Leases;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Retention ({@code hallway.retention.entries}; unset: keep everything): an entry published longer ago than that loses
 * its text — content, summary, the classifier's evidence — and keeps its row, dedupe key, content hash, fingerprint,
 * title, link, dates and conference, so the post is never stored again and {@link EntryStore} never brings the text
 * back. Pruned posts stay in the feeds and pages title-only, linking to the post on its blog (which has the text);
 * a post without a link keeps its text, as a reader could find it nowhere else.
 * <p>
 * One instance works for all: a lease on the {@code prune-entries} job, renewed every batch of {@link #BATCH} entries
 * (the first run on a large store can be long); each batch is one UPDATE that moves the rows' version on, so a poll
 * that read one of them before it was pruned reads it again rather than writing its text back.
 */
@ApplicationScoped
public class EntryRetention {

    static final String JOB = "prune-entries";
    static final int BATCH = 500;
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    Leases leases;
    @Inject
    EntryChanges changes;

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        prune();
    }

    /** @return entries pruned now; -1 when retention is off or another instance is pruning */
    public synchronized int prune() {
        Duration retention = config.retention().entries().orElse(null);
        if (retention == null || retention.isZero() || retention.isNegative()) {
            return -1;
        }
        if (!claim()) {
            return -1;
        }
        int pruned = 0;
        try {
            while (true) {
                Instant now = clock.instant();
                Instant cutOff = now.minus(retention);
                int[] done = QuarkusTransaction.requiringNew().call(() -> batch(cutOff, now));
                if (done == null) {
                    Log.warnf("entry retention: the lease went to another instance after %d entries; it goes on", pruned);
                    return pruned;
                }
                pruned += done[1];
                if (done[1] > 0) {
                    changes.changed();
                }
                if (done[0] < BATCH) {
                    break;
                }
            }
        } finally {
            QuarkusTransaction.requiringNew().run(() -> JobLease.update(Leases.GIVE_BACK + " where name = :name and "
                    + Leases.OURS, leases.ours().and("name", JOB)));
        }
        if (pruned > 0) {
            Log.infof("entry retention: %d entries published before %s lost their text (kept: their key, title and link)",
                    pruned, clock.instant().minus(retention));
        }
        return pruned;
    }

    /** @return {entries selected, entries pruned}, or null when the lease is no longer ours */
    private int[] batch(Instant cutOff, Instant now) {
        if (JobLease.update("leaseUntil = :until where name = :name and " + Leases.OURS,
                leases.ours().and("until", now.plus(LEASE)).and("name", JOB)) == 0) {
            return null;
        }
        List<Long> ids = Entry.getEntityManager().createQuery("select e.id from Entry e where e.prunedAt is null "
                        + "and e.publishedAt < :cutOff and e.url is not null order by e.publishedAt, e.id", Long.class)
                .setParameter("cutOff", cutOff).setMaxResults(BATCH).getResultList();
        if (ids.isEmpty()) {
            return new int[] {0, 0};
        }
        int pruned = Entry.update("contentHtml = null, summary = null, conferenceEvidence = null, prunedAt = :now, changedAt = :now, "
                + "rowVersion = rowVersion + 1 where id in :ids and prunedAt is null", Parameters.with("now", now).and("ids", ids));
        return new int[] {ids.size(), pruned};
    }

    private boolean claim() {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (JobLease.findById(JOB) == null) {
                        JobLease job = new JobLease();
                        job.name = JOB;
                        job.persist();
                        JobLease.flush();
                    }
                    return JobLease.update(Leases.TAKE + " where name = :name and (" + Leases.FREE + " or " + Leases.OURS + ")",
                            leases.take(LEASE).and("name", JOB)) == 1;
                });
            } catch (RuntimeException e) {
                if (attempt >= 3 || !SqlErrors.isUniqueViolation(e)) { // two instances creating the job's row at once
                    throw e;
                }
            }
        }
    }
}
