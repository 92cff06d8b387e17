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
 * Gathers a week's conference reports into groups by edition: the reports published that week (an undated post at
 * the time it was first seen), and the reports found late: published since the previous digest's week began but
 * first seen after that digest was built (a feed polled rarely, backing off, an instance down), marked "published
 * last week". A post older than the previous digest's week never reaches a digest. Call inside a transaction.
 */
@ApplicationScoped
public class DigestBuilder {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy");
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("d MMM yyyy");

    public DigestContent build(IsoWeek week, ZoneId zone) {
        Instant start = week.start(zone);
        Instant end = week.end(zone);
        List<Entry> entries = new ArrayList<>(Entry.<Entry>list("conferenceSlug is not null and publishedAt >= ?1 and publishedAt < ?2",
                Sort.ascending("publishedAt").and("id"), start, end));
        Digest previous = Digest.<Digest>find("week < ?1", Sort.descending("week"), week.toString()).firstResult();
        if (previous != null) {
            entries.addAll(Entry.<Entry>list("conferenceSlug is not null and publishedAt >= ?1 and publishedAt < ?2 and firstSeenAt > ?3",
                    Sort.ascending("publishedAt").and("id"), previous.periodStart, start, previous.builtAt));
            entries.sort(Comparator.comparing((Entry e) -> e.publishedAt).thenComparing(e -> e.id));
        }
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
                    DAY.format(e.publishedAt.atZone(zone)), e.summary == null ? "" : e.summary, lateNote(e, start, zone))).toList();
            groups.add(new DigestContent.Group(first.conferenceSlug, first.conferenceSeries, first.conferenceName, items));
        }
        groups.sort(Comparator.comparingInt(DigestContent.Group::count).reversed()
                .thenComparing(DigestContent.Group::name, String.CASE_INSENSITIVE_ORDER));
        String period = PERIOD.format(week.monday()) + DigestContent.PERIOD_DASH + PERIOD.format(week.monday().plusDays(6));
        return new DigestContent(week.toString(), period, List.copyOf(groups));
    }

    /** Null for a report of the week itself; "published last week" (or "N weeks ago") for one found late. */
    private static String lateNote(Entry e, Instant weekStart, ZoneId zone) {
        if (!e.publishedAt.isBefore(weekStart)) {
            return null;
        }
        long weeks = java.time.temporal.ChronoUnit.WEEKS.between(
                IsoWeek.of(java.time.LocalDate.ofInstant(e.publishedAt, zone)).monday(),
                java.time.LocalDate.ofInstant(weekStart, zone));
        return weeks <= 1 ? "published last week" : "published " + weeks + " weeks ago";
    }
}
