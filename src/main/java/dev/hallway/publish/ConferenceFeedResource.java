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

/**
 * GET /conferences/feed.atom (every report) and /conferences/{slug}/feed.atom (an edition or a series), and the same
 * as JSON Feed: /conferences/feed.json, /conferences/{slug}/feed.json.
 */
@Path("/conferences")
public class ConferenceFeedResource {

    @Inject
    FeedResource feeds;
    @Inject
    FeedCache cache;

    @GET
    @Path("feed.atom")
    @Produces(FeedResource.ATOM)
    public Response reports(@QueryParam("page") String page, @Context Request request, @Context HttpHeaders headers) {
        return feeds.respond(FeedScope.reports(), FeedFormat.ATOM, page, request, headers);
    }

    @GET
    @Path("feed.json")
    @Produces(FeedResource.JSON_FEED)
    public Response reportsJson(@QueryParam("page") String page, @Context Request request, @Context HttpHeaders headers) {
        return feeds.respond(FeedScope.reports(), FeedFormat.JSON, page, request, headers);
    }

    @GET
    @Path("{slug}/feed.atom")
    @Produces(FeedResource.ATOM)
    public Response conference(@PathParam("slug") String slug, @QueryParam("page") String page, @Context Request request,
                               @Context HttpHeaders headers) {
        return feeds.respond(cache.conference(slug), FeedFormat.ATOM, page, request, headers);
    }

    @GET
    @Path("{slug}/feed.json")
    @Produces(FeedResource.JSON_FEED)
    public Response conferenceJson(@PathParam("slug") String slug, @QueryParam("page") String page,
                                   @Context Request request, @Context HttpHeaders headers) {
        return feeds.respond(cache.conference(slug), FeedFormat.JSON, page, request, headers);
    }
}
