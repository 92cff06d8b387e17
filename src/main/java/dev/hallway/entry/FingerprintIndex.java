package dev.hallway.entry;

import dev.hallway.normalize.ContentFingerprint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The fingerprints of stored posts (the {@code entry_fingerprint} table), held in memory so that looking for the
 * original of a syndicated copy is a scan of two arrays rather than a query per feed polled: a first poll of
 * hundreds of feeds stores thousands of posts in seconds, and a query per feed would read the whole table each time.
 * <p>
 * Posts this instance stores are added as they are stored. Posts other instances store (sharing the database) are
 * picked up by a full reload, at most every {@link #MIN_RELOAD_MILLIS} and no more often than keeps reloading under
 * 2 % of the time spent; until then a copy of one of them is stored as a post of its own. Callers check what the
 * index gives them against the entry itself, so a stale slot (an edited post, a rolled-back insert) does no harm.
 */
@ApplicationScoped
public class FingerprintIndex {

    static final long MIN_RELOAD_MILLIS = 2000;
    /** Reloads may take at most 1/50 of the time between them. */
    private static final int RELOAD_COST_FACTOR = 50;

    /** Append-only columns; {@code size} is written last, so a reader sees whole rows only. Dates are left to the
     *  caller's check against the entry: a matching fingerprint is rare enough. */
    private static final class Table {
        final long[] ids;
        final long[] fingerprints;
        volatile int size;

        Table(int capacity) {
            ids = new long[capacity];
            fingerprints = new long[capacity];
        }
    }

    private volatile Table table = new Table(1024);
    private volatile long loadedAtMillis = Long.MIN_VALUE / 2;
    private volatile long reloadEveryMillis = MIN_RELOAD_MILLIS;
    /** Rows added while a reload was reading the database: its snapshot may not hold them yet. */
    private List<long[]> addedDuringReload;
    private final Object reloading = new Object();

    /** Ids of stored posts whose fingerprint is the same content as this one, nearest first. */
    public List<Long> near(long fingerprint) {
        if (fingerprint == 0) {
            return List.of();
        }
        reloadIfStale();
        Table t = table;
        int n = t.size;
        long[] fps = t.fingerprints;
        List<long[]> hits = null; // {distance, id}
        for (int i = 0; i < n; i++) {
            int distance = Long.bitCount(fps[i] ^ fingerprint);
            if (distance <= ContentFingerprint.MAX_DISTANCE) {
                if (hits == null) {
                    hits = new ArrayList<>();
                }
                hits.add(new long[]{distance, t.ids[i]});
            }
        }
        if (hits == null) {
            return List.of();
        }
        hits.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Long> ids = new ArrayList<>(hits.size());
        for (long[] hit : hits) {
            if (!ids.contains(hit[1])) {
                ids.add(hit[1]);
            }
        }
        return ids;
    }

    /** A post stored (or its text changed) in this instance. */
    public void add(long id, long fingerprint) {
        if (fingerprint == 0) {
            return;
        }
        synchronized (reloading) {
            append(id, fingerprint);
            if (addedDuringReload != null) {
                addedDuringReload.add(new long[]{id, fingerprint});
            }
        }
    }

    private void reloadIfStale() {
        long now = System.currentTimeMillis();
        if (now - loadedAtMillis < reloadEveryMillis) {
            return;
        }
        synchronized (reloading) {
            if (now - loadedAtMillis < reloadEveryMillis || addedDuringReload != null) {
                return; // another thread reloads
            }
            addedDuringReload = new ArrayList<>();
        }
        long t0 = System.nanoTime();
        Table fresh = null;
        try {
            fresh = read();
        } finally {
            synchronized (reloading) {
                if (fresh != null) {
                    table = fresh;
                    for (long[] row : addedDuringReload) {
                        append(row[0], row[1]);
                    }
                    long tookMillis = (System.nanoTime() - t0) / 1_000_000;
                    reloadEveryMillis = Math.max(MIN_RELOAD_MILLIS, tookMillis * RELOAD_COST_FACTOR);
                    loadedAtMillis = System.currentTimeMillis();
                }
                addedDuringReload = null;
            }
        }
    }

    private static Table read() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = Entry.getEntityManager().createQuery(
                    "select f.entryId, f.fingerprint from EntryFingerprint f", Object[].class).getResultList();
            Table t = new Table(Math.max(1024, rows.size() * 5 / 4));
            int i = 0;
            for (Object[] row : rows) {
                t.ids[i] = (Long) row[0];
                t.fingerprints[i] = (Long) row[1];
                i++;
            }
            t.size = i;
            return t;
        });
    }

    /** Under the lock. */
    private void append(long id, long fingerprint) {
        Table t = table;
        int n = t.size;
        if (n == t.ids.length) {
            Table bigger = new Table(n * 2);
            System.arraycopy(t.ids, 0, bigger.ids, 0, n);
            System.arraycopy(t.fingerprints, 0, bigger.fingerprints, 0, n);
            bigger.size = n;
            table = bigger;
            t = bigger;
        }
        t.ids[n] = id;
        t.fingerprints[n] = fingerprint;
        t.size = n + 1;
    }
}
