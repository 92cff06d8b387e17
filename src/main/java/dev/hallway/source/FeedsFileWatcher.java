package dev.hallway.source;

import dev.hallway.common.Hashing;
import dev.hallway.common.SqlErrors;
import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Schedules;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Owns feeds.yaml at run time: loads it at startup (a bad file stops the service with file, line and column),
 * then re-reads it whenever its content changes. A broken edit is reported and the last good configuration
 * keeps running.
 */
@ApplicationScoped
public class FeedsFileWatcher {

    /** What /sources tells about the file. */
    public record State(String file, Instant loadedAt, Instant checkedAt, int feeds, String error) {
    }

    @Inject
    HallwayConfig config;
    @Inject
    SourceSync sync;
    @Inject
    Clock clock;
    @Inject
    Event<FeedsConfig> changes;
    /** The conference package's check of the conferences: part. */
    @Inject
    FeedsFileSection conferences;

    private volatile FeedsConfig current;
    private volatile State state;
    private String lastContentHash;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        Path file = path();
        FeedsConfig loaded;
        try {
            loaded = loader().load(file);
        } catch (FeedsFileException e) {
            Log.errorf("Hallway cannot start: %s", e.getMessage());
            throw e;
        }
        synchronized (this) {
            String hash = hashOf(file);
            apply(loaded); // a database that refuses the configuration at startup stops the service
            lastContentHash = hash;
        }
    }

    @Scheduled(every = Schedules.FEEDS_RELOAD, delayed = Schedules.FEEDS_RELOAD,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() {
        if (current != null) {
            reloadIfChanged();
        }
    }

    /** Re-reads the file if its content changed since it was last read. Returns true when a new configuration was applied. */
    public synchronized boolean reloadIfChanged() {
        Path file = path();
        String hash = hashOf(file);
        Instant now = clock.instant();
        if (hash != null && hash.equals(lastContentHash)) {
            state = new State(state.file(), state.loadedAt(), now, state.feeds(), state.error());
            return false;
        }
        FeedsConfig loaded;
        try {
            loaded = loader().load(file);
        } catch (FeedsFileException e) {
            lastContentHash = hash; // a broken file stays broken until it is edited again
            Log.errorf("feeds.yaml edit refused, still running the last good configuration (%d feeds): %s",
                    current.feeds().size(), e.getMessage());
            state = new State(file.toString(), state.loadedAt(), now, current.feeds().size(), e.getMessage());
            return false;
        }
        try {
            apply(loaded);
        } catch (RuntimeException e) {
            // not recorded as read: the next check tries this content again
            Log.errorf(e, "feeds.yaml edit could not be applied, will try again at the next check; still running the last good configuration (%d feeds)",
                    current.feeds().size());
            state = new State(file.toString(), state.loadedAt(), now, current.feeds().size(),
                    "could not be applied, will be tried again: " + e);
            return false;
        }
        lastContentHash = hash; // recorded only once applied
        return true;
    }

    public State state() {
        return state;
    }

    public FeedsConfig current() {
        return current;
    }

    private void apply(FeedsConfig loaded) {
        for (int attempt = 1; ; attempt++) {
            try {
                sync.apply(loaded);
                break;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // another replica inserted the same new feed at the same moment: its row is there now, use it
                Log.debugf("feeds.yaml apply raced with another instance, applying again (attempt %d)", attempt);
            }
        }
        current = loaded;
        Instant now = clock.instant();
        state = new State(path().toString(), now, now, loaded.feeds().size(), null);
        changes.fire(loaded);
    }

    private FeedsFileLoader loader() {
        return new FeedsFileLoader(config.poll().defaultInterval(), conferences);
    }

    private Path path() {
        return Path.of(config.feedsFile());
    }

    private static String hashOf(Path file) {
        try {
            return Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        }
    }
}
