package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Schedules;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Every tick, claims the feeds that are due and hands them to the executor; also polls on demand. */
@ApplicationScoped
public class PollScheduler {

    @Inject
    HallwayConfig config;
    @Inject
    PollClaims claims;
    @Inject
    PollExecutor executor;
    @Inject
    PollMetrics metrics;

    @Scheduled(every = Schedules.POLL_TICK, delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.poll().enabled()) {
            return;
        }
        metrics.tick().record(() -> {
            int room = config.poll().concurrency() * 2 - executor.load();
            for (PollTarget feed : claims.claimDue(room)) {
                executor.submit(feed);
            }
        });
    }

    /** Polls the given feeds now, due or not; a feed already being polled answers {@link PollResult#BUSY}. */
    public List<CompletableFuture<PollOutcome>> pollNow(List<Long> sourceIds) {
        List<CompletableFuture<PollOutcome>> futures = new ArrayList<>();
        for (PollClaims.Claimed feed : claims.claimNow(sourceIds)) {
            futures.add(feed.ours() ? executor.submit(feed.target())
                    : CompletableFuture.completedFuture(PollOutcome.busy(feed.target().id(), feed.target().name())));
        }
        return futures;
    }
}
