package dev.hallway.publish;

import dev.hallway.config.HallwayConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.util.Date;

/**
 * GET /feed.atom and /feed.json: every entry of every followed blog, as Atom and as JSON Feed 1.1; also answers the
 * conference feeds for {@link ConferenceFeedResource}.
 * Most requests never get here: {@link CachedRoutes} answers cached pages on the event loop, and sends here only
 * what it does not handle itself (If-Match, a list of ETags, a page that is not a plain number, errors).
 */
@Path("/")
public class FeedResource {

    static final String ATOM = "application/atom+xml; charset=utf-8";
    static final String JSON_FEED = "application/feed+json; charset=utf-8";

    @Inject
    FeedCache feeds;
    @Inject
    HallwayConfig config;

    @GET
    @Path("feed.atom")
    @Produces(ATOM)
    public Response all(@QueryParam("page") String page, @Context Request request, @Context HttpHeaders headers) {
        return respond(FeedScope.all(), FeedFormat.ATOM, page, request, headers);
    }

    @GET
    @Path("feed.json")
    @Produces(JSON_FEED)
    public Response allJson(@QueryParam("page") String page, @Context Request request, @Context HttpHeaders headers) {
        return respond(FeedScope.all(), FeedFormat.JSON, page, request, headers);
    }

    Response respond(FeedScope scope, FeedFormat format, String page, Request request, HttpHeaders headers) {
        int number = pageNumber(page);
        Rendered feed;
        try {
            feed = feeds.render(scope, format, number);
        } catch (FeedPages.PageOutOfRange e) {
            throw new BadRequestException(e.getMessage());
        }
        CacheControl cache = HttpHeaderValues.feedCacheControl(config.feed().maxAge().toSeconds());
        // the gzip form was compressed once when the page was rendered; it has an ETag of its own
        boolean gzip = HttpHeaderValues.acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        Response.ResponseBuilder response = request.evaluatePreconditions(Date.from(feed.lastModified()), etag(feed, gzip));
        if (response == null) {
            // the body read back from the page's file (the page as it is now, should it have left the cache since)
            FeedCache.WithBytes read;
            try {
                read = feeds.read(feed, scope, format, number, gzip);
            } catch (FeedPages.PageOutOfRange e) {
                throw new BadRequestException(e.getMessage());
            }
            feed = read.rendered();
            response = Response.ok(read.bytes(), format.contentType);
            if (gzip) {
                response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
            }
        }
        if (feed.linkHeader != null) {
            response.header("Link", feed.linkHeader);
        }
        return response.tag(etag(feed, gzip)).lastModified(Date.from(feed.lastModified())).cacheControl(cache)
                .header("Vary", "Accept-Encoding").build();
    }

    private static EntityTag etag(Rendered feed, boolean gzip) {
        return EntityTag.valueOf(gzip ? feed.gzipEtag() : feed.etag());
    }

    private static int pageNumber(String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(page.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("page must be a whole number from 1");
        }
    }
}
