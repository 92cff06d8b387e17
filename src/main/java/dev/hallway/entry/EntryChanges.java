package dev.hallway.entry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
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
    private volatile String database = "";
    private volatile long checkedAt;

    public void changed() {
        local.incrementAndGet();
    }

    public String version() {
        long now = clock.millis();
        if (now - checkedAt > DB_CHECK_MILLIS) {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> Entry.getEntityManager()
                    .createQuery("select count(e), max(e.changedAt) from Entry e", Object[].class).getSingleResult());
            database = row[0] + "@" + (row[1] == null ? "-" : ((Instant) row[1]).toEpochMilli());
            checkedAt = now;
        }
        return local.get() + ":" + database;
    }
}
