package dev.hallway.admin;

import dev.hallway.poll.PollOutcome;
import dev.hallway.poll.PollScheduler;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** POST /admin/poll[?source=ID]: polls every active feed, or one, now, and answers with what each poll did. */
@Path("/admin/poll")
@Produces(MediaType.APPLICATION_JSON)
public class AdminPollResource {

    @Inject
    PollScheduler scheduler;

    @POST
    public List<PollOutcome> poll(@QueryParam("source") Long sourceId) {
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
