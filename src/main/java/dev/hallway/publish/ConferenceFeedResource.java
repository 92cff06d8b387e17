package dev.hallway.publish;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/** GET /conferences/feed.atom (every report) and /conferences/{slug}/feed.atom (an edition or a series). */
@Path("/conferences")
public class ConferenceFeedResource {

    @Inject
    FeedResource feeds;
    @Inject
    AtomFeeds atom;

    @GET
    @Path("feed.atom")
    @Produces(FeedResource.ATOM)
    public Response reports(@QueryParam("page") String page, @Context Request request, @Context HttpHeaders headers) {
        return feeds.respond(FeedScope.reports(), page, request, headers);
    }

    @GET
    @Path("{slug}/feed.atom")
    @Produces(FeedResource.ATOM)
    public Response conference(@PathParam("slug") String slug, @QueryParam("page") String page, @Context Request request,
                               @Context HttpHeaders headers) {
        return feeds.respond(atom.conference(slug), page, request, headers);
    }
}
