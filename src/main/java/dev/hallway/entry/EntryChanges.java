package dev.hallway.entry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A version of what readers see, for caches: it moves when this instance changes an entry, and — checked at most
 * every few seconds — when another instance sharing the database did.
 */
@ApplicationScoped
public class EntryChanges {

    private static final long DB_CHECK_MILLIS = 2000;

    @Inject
    Clock clock;

    private final AtomicLong local = new AtomicLong();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile String database = "";
    private volatile long checkedAt;
    /** The last version handed out, rebuilt only when it moves: a cache hit allocates nothing for it. */
    private volatile Version last = new Version(-1, "", "");

    private record Version(long local, String database, String text) {
    }

    public void changed() {
        local.incrementAndGet();
    }

    /** The current version; may ask the database (so not on an event loop). */
    public String version() {
        if (clock.millis() - checkedAt > DB_CHECK_MILLIS) {
            checkDatabaseIfOlderThan(DB_CHECK_MILLIS);
        }
        return current();
    }

    /**
     * One check at a time: the callers that found the version stale together wait for the first one's answer instead
     * of each asking the database (bench/pg-scale.sh: with 1,000,000 entries every render after an insert ran its own
     * count, and /feed.atom fell to 1 req/s).
     */
    private synchronized void checkDatabaseIfOlderThan(long millis) {
        if (clock.millis() - checkedAt > millis) {
            checkDatabase();
        }
    }

    /**
     * For an event loop, which must not wait for the database: the version when the database was checked within the
     * last two seconds, else null (then call {@link #version()} on a worker). Once the last check is a second old, the
     * next one runs on {@code worker} in the background, so that a page read all the time never has to wait for one.
     */
    public String versionIfFresh(Executor worker) {
        long age = clock.millis() - checkedAt;
        if (age > DB_CHECK_MILLIS / 2 && checking.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    try {
                        checkDatabaseIfOlderThan(DB_CHECK_MILLIS / 2);
                    } finally {
                        checking.set(false);
                    }
                });
            } catch (RuntimeException e) { // a pool shutting down: the next blocking version() checks
                checking.set(false);
            }
        }
        return age > DB_CHECK_MILLIS ? null : current();
    }

    private void checkDatabase() {
        long now = clock.millis();
        Object[] row = QuarkusTransaction.requiringNew().call(() -> Entry.getEntityManager()
                .createQuery("select count(e), max(e.changedAt) from Entry e", Object[].class).getSingleResult());
        String seen = row[0] + "@" + (row[1] == null ? "-" : ((Instant) row[1]).toEpochMilli());
        if (!seen.equals(database)) {
            database = seen;
        }
        checkedAt = now;
    }

    private String current() {
        long l = local.get();
        String db = database;
        Version v = last;
        if (v.local() != l || !v.database().equals(db)) {
            v = new Version(l, db, l + ":" + db);
            last = v;
        }
        return v.text();
    }
}
