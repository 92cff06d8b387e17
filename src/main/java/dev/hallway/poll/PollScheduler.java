package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import dev.hallway.source.Source;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
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

    @Scheduled(every = "${hallway.poll.tick:15s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.poll().enabled()) {
            return;
        }
        int room = config.poll().concurrency() * 2 - executor.load();
        for (Long id : claims.claimDue(room)) {
            executor.submit(id, hostOf(id));
        }
    }

    /** Polls the given feeds now, due or not; a feed already being polled answers {@link PollResult#BUSY}. */
    public List<CompletableFuture<PollOutcome>> pollNow(List<Long> sourceIds) {
        List<CompletableFuture<PollOutcome>> futures = new ArrayList<>();
        for (Long id : sourceIds) {
            if (claims.claim(id, false)) {
                futures.add(executor.submit(id, hostOf(id)));
            } else {
                String name = QuarkusTransaction.requiringNew().call(() -> Source.<Source>findById(id).displayName());
                futures.add(CompletableFuture.completedFuture(PollOutcome.busy(id, name)));
            }
        }
        return futures;
    }

    private static String hostOf(long sourceId) {
        String url = QuarkusTransaction.requiringNew().call(() -> Source.<Source>findById(sourceId).url);
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
