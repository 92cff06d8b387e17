package dev.hallway.source;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** GET /sources: every followed feed and how polling it goes. */
@Path("/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    /** Set when the last edit of feeds.yaml was refused (the body stays one object per feed). */
    static final String CONFIG_ERROR_HEADER = "X-Hallway-Config-Error";

    @Inject
    EntityManager em;
    @Inject
    FeedsFileWatcher watcher;

    /** @param all also list feeds removed from feeds.yaml (their entries are kept) */
    @GET
    @Transactional
    public Response list(@QueryParam("all") boolean all) {
        Map<Long, Long> counts = entryCounts();
        List<Source> sources = all ? Source.list("order by id") : Source.list("active = true order by id");
        List<SourceView> views = sources.stream().map(s -> SourceView.of(s, counts.getOrDefault(s.id, 0L))).toList();
        Response.ResponseBuilder response = Response.ok(views);
        FeedsFileWatcher.State state = watcher.state();
        if (state != null && state.error() != null) {
            response.header(CONFIG_ERROR_HEADER, state.error().replaceAll("[\\r\\n]+", " "));
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public SourceView one(@PathParam("id") long id) {
        Source source = Source.findById(id);
        if (source == null) {
            throw new NotFoundException("no source " + id);
        }
        return SourceView.of(source, entryCounts().getOrDefault(id, 0L));
    }

    /** The state of feeds.yaml: when it was loaded, and the error of the last refused edit, if any. */
    @GET
    @Path("/config")
    public FeedsFileWatcher.State config() {
        return watcher.state();
    }

    private Map<Long, Long> entryCounts() {
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery("select s.key.sourceId, count(s) from Sighting s group by s.key.sourceId",
                Object[].class).getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return counts;
    }
}
