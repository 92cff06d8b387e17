package dev.hallway.entry;

import dev.hallway.common.AppState;
import dev.hallway.common.SqlErrors;
import dev.hallway.conference.CatalogueChanged;
import dev.hallway.conference.Classification;
import dev.hallway.config.Leases;
import dev.hallway.config.Schedules;
import dev.hallway.source.Source;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies every stored entry again when the catalogue in force differs from the one they were classified with.
 * One instance does it for all (a lease on the {@code reclassify} job; another goes on from where it stopped if it
 * dies), in batches, and each entry is written with a targeted UPDATE of its conference columns that checks the
 * row's version: a poll that stored a new copy meanwhile (and classified it itself) or an operator's pin wins.
 * Entries whose text retention took away keep their decision: there is nothing left to decide it again from.
 */
@ApplicationScoped
public class Reclassifier {

    /** AppState key: the catalogue version the stored entries were classified with. */
    static final String APPLIED = "conference.catalogue";
    static final String JOB = "reclassify";
    private static final int BATCH = 500;
    /** Renewed after every batch, which takes well under a second; long enough for a slow database. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    ConferenceAssigner assigner;
    @Inject
    EntryChanges changes;
    @Inject
    Leases leases;
    @Inject
    Clock clock;
    @Inject
    EntityManager em;

    /** The catalogue version this instance runs with. */
    private volatile String wanted;

    String wanted() {
        return wanted;
    }

    void onCatalogueChanged(@Observes CatalogueChanged change) {
        wanted = change.version();
        run();
    }

    /** Takes over a reclassification whose instance stopped before the end (its lease ran out). */
    @Scheduled(every = Schedules.FEEDS_RELOAD, delayed = Schedules.FEEDS_RELOAD,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resume() {
        if (wanted != null) {
            run();
        }
    }

    /** @return entries that changed conference, or -1 when there was nothing to do here (done, or another instance does it) */
    synchronized int run() {
        String target = wanted;
        if (target.equals(QuarkusTransaction.requiringNew().call(() -> AppState.get(APPLIED)))) {
            return -1;
        }
        Long from = claim(target);
        if (from == null) {
            Log.infof("conference catalogue changed: another instance is classifying the stored entries again");
            return -1;
        }
        Log.infof("conference catalogue changed: classifying every stored entry again%s",
                from >= 0 ? " (going on after entry " + from + ")" : "");
        // the feeds' hints, read once: a feeds.yaml edit that changes one announces a new catalogue version anyway
        Map<Long, String> hints = QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, String> byFeed = new HashMap<>();
            for (Source source : Source.<Source>list("conferenceHint is not null")) {
                byFeed.put(source.id, source.conferenceHint);
            }
            return byFeed;
        });
        int changed = 0;
        long after = from;
        while (true) {
            long resumeAfter = after;
            long[] result = QuarkusTransaction.requiringNew().call(() -> batch(target, resumeAfter, hints));
            if (result == null) {
                Log.warnf("reclassification lease lost to another instance after entry %d; it goes on from there", after);
                return changed;
            }
            changed += (int) result[1];
            if (result[1] > 0) {
                changes.changed();
            }
            if (result[0] == 0) {
                break;
            }
            after = result[2];
        }
        QuarkusTransaction.requiringNew().run(() -> {
            AppState.put(APPLIED, target, clock.instant());
            JobLease.update(Leases.GIVE_BACK + ", progress = -1 where name = :name and " + Leases.OURS,
                    leases.ours().and("name", JOB));
        });
        Log.infof("reclassification done: %d entries changed conference", changed);
        return changed;
    }

    /** Takes the job's lease; @return the entry to go on after (-1: from the start), or null when another holds it */
    private Long claim(String target) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (JobLease.findById(JOB) == null) {
                        JobLease job = new JobLease();
                        job.name = JOB;
                        job.persist();
                        JobLease.flush();
                    }
                    if (JobLease.update(Leases.TAKE + " where name = :name and (" + Leases.FREE + " or " + Leases.OURS + ")",
                            leases.take(LEASE).and("name", JOB)) == 0) {
                        return null;
                    }
                    JobLease job = JobLease.findById(JOB);
                    JobLease.getEntityManager().refresh(job);
                    if (!target.equals(job.target)) { // another catalogue's progress means nothing for this one
                        job.target = target;
                        job.progress = -1;
                    }
                    return job.progress;
                });
            } catch (RuntimeException e) {
                if (attempt >= 3 || !SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** @return {entries read, entries changed, last id}, or null when the lease is no longer ours */
    private long[] batch(String target, long afterId, Map<Long, String> hints) {
        if (JobLease.update("leaseUntil = :until, progress = :after where name = :name and target = :target and "
                + Leases.OURS, leases.ours().and("until", clock.instant().plus(LEASE)).and("name", JOB)
                .and("target", target).and("after", afterId)) == 0) {
            return null;
        }
        List<Entry> entries = em.createQuery("select e from Entry e where e.id > :after and e.prunedAt is null order by e.id", Entry.class)
                .setParameter("after", afterId).setMaxResults(BATCH)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
        if (entries.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        int changed = 0;
        for (Entry entry : entries) {
            if (!entry.conferencePinned && rewrite(entry, assigner.classify(entry, hints.get(entry.sourceId)))) {
                changed++;
            }
        }
        return new long[] {entries.size(), changed, entries.get(entries.size() - 1).id};
    }

    /**
     * Writes a new decision into the entry's conference columns only, if the row is still the version read and not
     * pinned since. @return true when its conference changed
     */
    boolean rewrite(Entry entry, Classification c) {
        Map<String, Object> columns = ConferenceAssigner.columns(c);
        if (columns.equals(ConferenceAssigner.columns(ConferenceAssigner.read(entry)))) {
            return false;
        }
        boolean moved = !Objects.equals(entry.conferenceSlug, columns.get("conferenceSlug"));
        StringBuilder set = new StringBuilder();
        Parameters params = Parameters.with("id", entry.id).and("seen", entry.rowVersion);
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            set.append(column.getKey()).append(" = :").append(column.getKey()).append(", ");
            params.and(column.getKey(), column.getValue());
        }
        if (moved) { // feeds show the entry elsewhere now
            set.append("changedAt = :changedAt, ");
            params.and("changedAt", clock.instant());
        }
        set.append("rowVersion = rowVersion + 1");
        int rows = Entry.update(set + " where id = :id and rowVersion = :seen and conferencePinned = false", params);
        return rows == 1 && moved;
    }
}
