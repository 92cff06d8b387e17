package dev.hallway.publish;

import dev.hallway.conference.ConferenceSeries;
import dev.hallway.conference.Conferences;
import dev.hallway.entry.ConferenceEditions;
import dev.hallway.entry.EntryQueries;
import dev.hallway.entry.EntryView;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** GET /conferences (every edition with reports) and GET /conferences/{slug} (an edition or a whole series). */
@Path("/conferences")
@Produces(MediaType.APPLICATION_JSON)
public class ConferenceResource {

    static final int MAX_REPORTS = 500;

    @Inject
    ConferenceEditions editions;
    @Inject
    Conferences conferences;
    @Inject
    EntryQueries entries;

    /** An edition or a series, with its reports newest first. */
    public record ConferenceDetail(String slug, String kind, String name, String series, String seriesName,
                                   String edition, String site, List<ConferenceEditions.EditionSummary> editions, List<EntryView> reports) {
    }

    @GET
    @Transactional
    public List<ConferenceEditions.EditionSummary> list() {
        return editions.all();
    }

    @GET
    @Path("/{slug}")
    @Transactional
    public ConferenceDetail one(@PathParam("slug") String slug) {
        List<EntryView> reports = entries.page(new EntryQueries.Filter(null, null, slug), MAX_REPORTS, null).entries();
        List<ConferenceEditions.EditionSummary> ofSeries = editions.ofSeries(slug).stream()
                .sorted(EditionOrder.NEWEST_FIRST).toList(); // by edition, as the series page lists them
        ConferenceSeries series = conferences.catalogue().series(slug);
        if (series != null || !ofSeries.isEmpty()) {
            String name = series != null ? series.name() : ofSeries.get(0).seriesName();
            return new ConferenceDetail(slug, "series", name, slug, name, null, series == null ? null : series.site(),
                    ofSeries, reports);
        }
        ConferenceEditions.EditionSummary edition = editions.all().stream().filter(e -> e.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new NotFoundException("no conference or edition '" + slug + "'"));
        ConferenceSeries parent = conferences.catalogue().series(edition.series());
        return new ConferenceDetail(slug, "edition", edition.name(), edition.series(), edition.seriesName(),
                edition.edition(), parent == null ? null : parent.site(), List.of(edition), reports);
    }
}
