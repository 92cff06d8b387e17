package dev.hallway.conference;

import dev.hallway.entry.EntryQueries;
import dev.hallway.entry.EntryView;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** GET /conferences (every edition with reports) and GET /conferences/{slug} (an edition or a whole series). */
@Path("/conferences")
@Produces(MediaType.APPLICATION_JSON)
public class ConferenceResource {

    static final int MAX_REPORTS = 500;

    @Inject
    EntityManager em;
    @Inject
    Conferences conferences;
    @Inject
    EntryQueries entries;

    /** One edition that has reports. */
    public record EditionSummary(String slug, String series, String seriesName, String edition, String name, Integer year,
                                 boolean detected, long reports, Instant firstReport, Instant lastReport) {
    }

    /** An edition or a series, with its reports newest first. */
    public record ConferenceDetail(String slug, String kind, String name, String series, String seriesName,
                                   String edition, String site, List<EditionSummary> editions, List<EntryView> reports) {
    }

    @GET
    @Transactional
    public List<EditionSummary> list() {
        return editions(null);
    }

    @GET
    @Path("/{slug}")
    @Transactional
    public ConferenceDetail one(@PathParam("slug") String slug) {
        List<EntryView> reports = entries.page(new EntryQueries.Filter(null, null, slug), MAX_REPORTS, null).entries();
        List<EditionSummary> ofSeries = editions(slug);
        ConferenceSeries series = conferences.catalogue().series(slug);
        if (series != null || !ofSeries.isEmpty()) {
            String name = series != null ? series.name() : ofSeries.get(0).seriesName();
            return new ConferenceDetail(slug, "series", name, slug, name, null, series == null ? null : series.site(),
                    ofSeries, reports);
        }
        EditionSummary edition = editions(null).stream().filter(e -> e.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new NotFoundException("no conference or edition '" + slug + "'"));
        ConferenceSeries parent = conferences.catalogue().series(edition.series());
        return new ConferenceDetail(slug, "edition", edition.name(), edition.series(), edition.seriesName(),
                edition.edition(), parent == null ? null : parent.site(), List.of(edition), reports);
    }

    /** Editions with reports, newest report first; all of them, or those of one series. */
    private List<EditionSummary> editions(String seriesSlug) {
        String where = seriesSlug == null ? "" : " and e.conferenceSeries = :series";
        var query = em.createQuery("select e.conferenceSlug, max(e.conferenceSeries), max(e.conferenceSeriesName), "
                + "max(e.conferenceEdition), max(e.conferenceName), max(e.conferenceYear), "
                + "max(case when e.conferenceDetected = true then 1 else 0 end), count(e), min(e.publishedAt), max(e.publishedAt) "
                + "from Entry e where e.conferenceSlug is not null" + where
                + " group by e.conferenceSlug order by max(e.publishedAt) desc, e.conferenceSlug", Object[].class);
        if (seriesSlug != null) {
            query.setParameter("series", seriesSlug);
        }
        List<EditionSummary> result = new ArrayList<>();
        for (Object[] r : query.getResultList()) {
            result.add(new EditionSummary((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (Integer) r[5], ((Number) r[6]).intValue() == 1, (Long) r[7], (Instant) r[8], (Instant) r[9]));
        }
        return result;
    }
}
