package dev.hallway.entry;

import dev.hallway.normalize.ContentFingerprint;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    private static final int FETCH_SIZE = 10_000;

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

        /** A copy with room for {@code capacity} rows (the rows filled so far: {@code size}, or all when unset). */
        Table copy(int capacity) {
            Table bigger = new Table(capacity);
            int n = Math.min(capacity, ids.length);
            System.arraycopy(ids, 0, bigger.ids, 0, n);
            System.arraycopy(fingerprints, 0, bigger.fingerprints, 0, n);
            bigger.size = size;
            return bigger;
        }
    }

    private volatile Table table = new Table(1024);
    private volatile long loadedAtMillis = Long.MIN_VALUE / 2;
    private volatile long reloadEveryMillis = MIN_RELOAD_MILLIS;
    private volatile long lastReloadMillis;
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
                    lastReloadMillis = tookMillis;
                    reloadEveryMillis = Math.max(MIN_RELOAD_MILLIS, tookMillis * RELOAD_COST_FACTOR);
                    loadedAtMillis = System.currentTimeMillis();
                }
                addedDuringReload = null;
            }
        }
    }

    /**
     * Streams the table into two primitive arrays (JDBC, fetched in chunks): a million rows are 16 MB of arrays, where
     * a list of boxed rows would first be some 60 MB of short-lived objects on every reload.
     */
    private static Table read() {
        return QuarkusTransaction.requiringNew().call(() -> Entry.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            Table t = new Table(1024);
            try (PreparedStatement query = connection.prepareStatement("select entry_id, fingerprint from entry_fingerprint")) {
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = query.executeQuery()) {
                    int i = 0;
                    while (rows.next()) {
                        if (i == t.ids.length) {
                            t = t.copy(i * 2);
                        }
                        t.ids[i] = rows.getLong(1);
                        t.fingerprints[i] = rows.getLong(2);
                        i++;
                    }
                    t = t.ids.length - i > i / 4 + 1024 ? t.copy(Math.max(1024, i + i / 4)) : t; // room to grow, no more
                    t.size = i;
                }
            }
            return t;
        }));
    }

    /** Fingerprints held. */
    public int size() {
        return table.size;
    }

    /** Heap the index holds (its two arrays, with their room to grow). */
    public long bytes() {
        return 16L * table.ids.length;
    }

    /** How long the last full reload from the database took. */
    public long lastReloadMillis() {
        return lastReloadMillis;
    }

    /** Under the lock. */
    private void append(long id, long fingerprint) {
        Table t = table;
        int n = t.size;
        if (n == t.ids.length) {
            t = t.copy(n * 2);
            table = t;
        }
        t.ids[n] = id;
        t.fingerprints[n] = fingerprint;
        t.size = n + 1;
    }
}
