package dev.hallway.digest;

import dev.hallway.config.HallwayConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The digest archive: GET /digests, /digests/2026-W47 (the digest as a web page), /digests/latest. */
@Path("/digests")
public class DigestResource {

    @Inject
    DigestService digests;
    @Inject
    HallwayConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Object list() {
        return DigestTemplates.Pages.digests(digests.summaries());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PublicDigest> listJson() {
        return digests.summaries().stream().map(PublicDigest::of).toList();
    }

    @GET
    @Path("latest")
    @Produces(MediaType.TEXT_HTML)
    public Response latest() {
        List<DigestSummary> all = digests.summaries();
        if (all.isEmpty()) {
            throw new NotFoundException("no digest has been built yet");
        }
        return page(all.get(0).week());
    }

    @GET
    @Path("{week}")
    @Produces(MediaType.TEXT_HTML)
    public Response week(@PathParam("week") String week) {
        try {
            IsoWeek.parse(week);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(e.getMessage());
        }
        return page(week);
    }

    private Response page(String week) {
        Digest digest = QuarkusTransaction.requiringNew().call(() -> Digest.findById(week));
        if (digest == null) {
            throw new NotFoundException("no digest for " + week);
        }
        String base = dev.hallway.config.BaseUrl.of(config);
        String html = DigestHtml.page(DigestService.content(digest), digest.subject, base);
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }
}
