package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

/** Keeps the poll history from growing without end. */
@ApplicationScoped
public class PollHistoryPruner {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        long deleted = PollRecord.delete("startedAt < ?1", clock.instant().minus(config.poll().historyRetention()));
        if (deleted > 0) {
            Log.infof("deleted %d poll records older than %s", deleted, config.poll().historyRetention());
        }
    }
}
