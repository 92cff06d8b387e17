package dev.hallway.publish;

import dev.hallway.conference.Catalogue;
import dev.hallway.conference.ConferenceSeries;
import dev.hallway.conference.DatedEdition;
import dev.hallway.entry.ConferenceEditions.EditionSummary;

import java.text.Collator;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The conferences index page: every series with reports, A–Z, its editions newest first and its next edition. */
final class ConferenceIndex {

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** A series and its editions with reports, newest edition first. */
    public record SeriesEntry(String slug, String name, long reports, List<EditionSummary> editions, NextEdition next) {
    }

    /** The next edition the catalogue knows dates for: "31 Jan – 2 Feb 2027", ISO start and end, city (may be empty). */
    public record NextEdition(String dates, String start, String end, String city) {
    }

    private ConferenceIndex() {
    }

    static List<SeriesEntry> of(List<EditionSummary> editions, Catalogue catalogue, LocalDate today) {
        Map<String, List<EditionSummary>> bySeries = new LinkedHashMap<>();
        for (EditionSummary e : editions) {
            bySeries.computeIfAbsent(e.series(), s -> new ArrayList<>()).add(e);
        }
        List<SeriesEntry> series = new ArrayList<>();
        for (Map.Entry<String, List<EditionSummary>> s : bySeries.entrySet()) {
            ConferenceSeries catalogued = catalogue.series(s.getKey());
            List<EditionSummary> ofSeries = s.getValue().stream().sorted(EditionOrder.NEWEST_FIRST).toList();
            String name = catalogued != null ? catalogued.name() : ofSeries.get(0).seriesName();
            long reports = ofSeries.stream().mapToLong(EditionSummary::reports).sum();
            series.add(new SeriesEntry(s.getKey(), name, reports, ofSeries, next(catalogue.dated(s.getKey()), today)));
        }
        Collator alphabetical = Collator.getInstance(Locale.ENGLISH);
        alphabetical.setStrength(Collator.SECONDARY); // "dotScale" between "DevOpsDays" and "FOSDEM", accents after
        series.sort((a, b) -> {
            int byName = alphabetical.compare(a.name(), b.name());
            return byName != 0 ? byName : a.slug().compareTo(b.slug());
        });
        return series;
    }

    /** The first dated edition starting after today; null when the catalogue knows none. */
    static NextEdition next(List<DatedEdition> dated, LocalDate today) {
        return dated.stream().filter(d -> d.start().isAfter(today))
                .min(java.util.Comparator.comparing(DatedEdition::start))
                .map(d -> new NextEdition(dates(d.start(), d.end()), d.start().toString(), d.end().toString(), d.city()))
                .orElse(null);
    }

    /** "1 Jun 2018", "4–5 Feb 2023", "31 Jan – 2 Feb 2026", "30 Dec 2026 – 2 Jan 2027". */
    static String dates(LocalDate start, LocalDate end) {
        if (end == null || !end.isAfter(start)) {
            return DAY_MONTH_YEAR.format(start);
        }
        if (start.getYear() != end.getYear()) {
            return DAY_MONTH_YEAR.format(start) + " – " + DAY_MONTH_YEAR.format(end);
        }
        if (start.getMonth() != end.getMonth()) {
            return DAY_MONTH.format(start) + " – " + DAY_MONTH_YEAR.format(end);
        }
        return start.getDayOfMonth() + "–" + DAY_MONTH_YEAR.format(end);
    }
}
