package dev.hallway.publish;

import dev.hallway.entry.ConferenceEditions;
import dev.hallway.conference.ConferenceSeries;
import dev.hallway.conference.Conferences;
import dev.hallway.entry.Entry;
import dev.hallway.publish.PageModels.ReportItem;
import dev.hallway.source.Source;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * GET /conferences and /conferences/{slug} for browsers: the index of every series with reports, and the page of an
 * edition or a series (programs asking for JSON get JSON).
 */
@Path("/conferences")
public class ConferencePageResource {

    @Inject
    ConferenceEditions editions;
    @Inject
    Conferences conferences;
    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance index() {
        List<ConferenceEditions.EditionSummary> all = editions.all();
        List<ConferenceIndex.SeriesEntry> series = ConferenceIndex.of(all, conferences.catalogue(), LocalDate.now(clock));
        long reports = all.stream().mapToLong(ConferenceEditions.EditionSummary::reports).sum();
        return PageResource.Templates.conferences(series, all.size(), reports);
    }

    @GET
    @Path("{slug}")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance conference(@PathParam("slug") String slug) {
        Map<Long, Source> sources = PageResource.sources();
        List<ReportItem> reports = Entry.<Entry>find(Entry.ofConference(null),
                        Sort.descending("publishedAt"), Parameters.with("conference", slug)).page(0, 200).list().stream()
                .map(e -> PageModels.report(e, sources)).toList();
        ConferenceSeries series = conferences.catalogue().series(slug);
        List<ConferenceEditions.EditionSummary> ofSeries = editions.ofSeries(slug).stream()
                .sorted(EditionOrder.NEWEST_FIRST).toList();
        if (series != null || !ofSeries.isEmpty()) {
            String name = series != null ? series.name() : ofSeries.get(0).seriesName();
            return PageResource.Templates.conference(name, slug, series == null ? null : series.site(), true, ofSeries,
                    ofSeries.isEmpty() ? null : EditionChart.of(name, ofSeries), reports);
        }
        ConferenceEditions.EditionSummary edition = editions.all().stream().filter(e -> e.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new NotFoundException("no conference or edition '" + slug + "'"));
        ConferenceSeries parent = conferences.catalogue().series(edition.series());
        return PageResource.Templates.conference(edition.name(), slug, parent == null ? null : parent.site(), false, List.of(edition), null, reports);
    }

}
