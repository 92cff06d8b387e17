package dev.hallway.admin;

import dev.hallway.poll.PollOutcome;
import dev.hallway.poll.PollScheduler;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Polls every active feed, or one, now, and waits for what each poll did: POST /admin/poll and the admin page's button. */
@ApplicationScoped
public class PollNow {

    @Inject
    PollScheduler scheduler;

    /** @param sourceId one feed, or null for every enabled one. @throws NotFoundException for an unknown feed */
    public List<PollOutcome> poll(Long sourceId) {
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> {
            if (sourceId != null) {
                if (Source.findById(sourceId) == null) {
                    throw new NotFoundException("no source " + sourceId);
                }
                return List.of(sourceId);
            }
            return Source.getEntityManager().createQuery(
                            "select s.id from Source s where s.active = true and s.status <> :disabled order by s.id", Long.class)
                    .setParameter("disabled", SourceStatus.DISABLED).getResultList();
        });
        List<PollOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<PollOutcome> future : scheduler.pollNow(ids)) {
            outcomes.add(future.join());
        }
        return outcomes;
    }
}
