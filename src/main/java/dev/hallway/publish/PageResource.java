package dev.hallway.publish;

import dev.hallway.entry.ConferenceEditions;
import dev.hallway.entry.Entry;
import dev.hallway.publish.PageModels.EditionGroup;
import dev.hallway.publish.PageModels.ReportItem;
import dev.hallway.source.Source;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.panache.common.Sort;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The home page: the latest reports grouped by conference edition, newest editions first. */
@Path("/")
public class PageResource {

    static final int EDITIONS_ON_HOME = 12;
    static final int REPORTS_PER_EDITION = 10;

    @CheckedTemplate(basePath = "pages")
    public static class Templates {
        static native TemplateInstance index(List<EditionGroup> groups, long editions, List<SeriesOption> series);

        static native TemplateInstance conference(String name, String slug, String site, boolean series,
                                                  List<ConferenceEditions.EditionSummary> editions,
                                                  List<ReportItem> reports);
    }

    /** A series the subscribe form offers to follow. */
    public record SeriesOption(String slug, String name) {
    }

    @Inject
    ConferenceEditions editions;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public TemplateInstance index() {
        Map<Long, Source> sources = sources();
        List<ConferenceEditions.EditionSummary> all = editions.all();
        List<EditionGroup> groups = new ArrayList<>();
        for (ConferenceEditions.EditionSummary edition : all.subList(0, Math.min(EDITIONS_ON_HOME, all.size()))) {
            List<ReportItem> items = Entry.<Entry>find("conferenceSlug", Sort.descending("publishedAt"), edition.slug())
                    .page(0, REPORTS_PER_EDITION).list().stream().map(e -> PageModels.report(e, sources)).toList();
            groups.add(new EditionGroup(edition.slug(), edition.name(), edition.reports(), items));
        }
        List<SeriesOption> options = editions.followableSeries(all).stream()
                .map(series -> new SeriesOption(series.slug(), series.name())).toList();
        return Templates.index(groups, all.size(), options);
    }

    static Map<Long, Source> sources() {
        return Source.byId();
    }
}
