package dev.hallway.digest;

import dev.hallway.entry.Entry;
import dev.hallway.source.Source;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a week's conference reports into groups by edition. A report counts in the week it was published
 * (an undated post at the time it was first seen), so an old post found late never reaches a digest.
 * Call inside a transaction.
 */
@ApplicationScoped
public class DigestBuilder {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy");
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("d MMM yyyy");

    public DigestContent build(IsoWeek week, ZoneId zone) {
        Instant start = week.start(zone);
        Instant end = week.end(zone);
        List<Entry> entries = Entry.<Entry>list("conferenceSlug is not null and publishedAt >= ?1 and publishedAt < ?2",
                Sort.ascending("publishedAt").and("id"), start, end);
        Map<Long, Source> sources = Source.byId();
        Map<String, List<Entry>> bySlug = new LinkedHashMap<>();
        for (Entry e : entries) {
            bySlug.computeIfAbsent(e.conferenceSlug, k -> new ArrayList<>()).add(e);
        }
        List<DigestContent.Group> groups = new ArrayList<>();
        for (List<Entry> reports : bySlug.values()) {
            Entry first = reports.get(0);
            List<DigestContent.Report> items = reports.stream().map(e -> new DigestContent.Report(e.title, e.url,
                    sources.containsKey(e.sourceId) ? sources.get(e.sourceId).displayName() : "", String.join(", ", e.authors),
                    DAY.format(e.publishedAt.atZone(zone)), e.summary == null ? "" : e.summary)).toList();
            groups.add(new DigestContent.Group(first.conferenceSlug, first.conferenceSeries, first.conferenceName, items));
        }
        groups.sort(Comparator.comparingInt(DigestContent.Group::count).reversed()
                .thenComparing(DigestContent.Group::name, String.CASE_INSENSITIVE_ORDER));
        String period = PERIOD.format(week.monday()) + " – " + PERIOD.format(week.monday().plusDays(6));
        return new DigestContent(week.toString(), period, List.copyOf(groups));
    }
}
