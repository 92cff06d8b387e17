package dev.hallway.publish;

import dev.hallway.entry.Entry;
import dev.hallway.source.Source;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What the HTML pages show, ready for the templates. */
final class PageModels {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    private PageModels() {
    }

    /** One report in a list: title linked to the post, blog, authors, date, summary. */
    public record ReportItem(String title, String url, String blog, String authors, String date, String isoDate,
                             String summary) {
    }

    /** An edition and its latest reports. */
    public record EditionGroup(String slug, String name, long reports, List<ReportItem> items) {
    }

    static ReportItem report(Entry e, Map<Long, Source> sources) {
        Source source = sources.get(e.sourceId);
        return new ReportItem(e.title, e.url, source == null ? "" : source.displayName(), String.join(", ", e.authors),
                DAY.format(e.publishedAt), e.publishedAt.toString(), e.summary == null ? "" : e.summary);
    }
}
