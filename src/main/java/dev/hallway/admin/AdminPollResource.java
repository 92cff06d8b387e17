package dev.hallway.admin;

import dev.hallway.poll.PollOutcome;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** POST /admin/poll[?source=ID]: polls every active feed, or one, now, and answers with what each poll did. */
@Path("/admin/poll")
@Produces(MediaType.APPLICATION_JSON)
public class AdminPollResource {

    @Inject
    PollNow pollNow;

    @POST
    public List<PollOutcome> poll(@QueryParam("source") Long sourceId) {
        return pollNow.poll(sourceId);
    }
}
