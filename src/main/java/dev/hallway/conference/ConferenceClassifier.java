package dev.hallway.conference;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, from all the evidence a post has, whether it reports on exactly one conference edition, and which.
 * <ol>
 *   <li>Find the series named in the title, tags, URL slug and opening paragraphs (and the feed's hint); the title
 *       weighs most. The main series is the best-scored one; events mentioned along the way do not win.</li>
 *   <li>Weigh whether the post is a report: looking-back words and phrases, the title naming only the event, a post
 *       date just after the event; against: calls for papers, job posts, tutorials, the future tense, a list of
 *       several events in the opening.</li>
 *   <li>Take the edition written next to the name, or infer it from the post date.</li>
 *   <li>When no catalogued series is named, a title that plainly names an event and a year still counts
 *       ({@link EventDetector}), marked as detected.</li>
 * </ol>
 */
public final class ConferenceClassifier {

    static final int LEAD_CHARS = 1500;
    private static final double MIN_SERIES_SCORE = 4;

    private final Catalogue catalogue;
    private final NameIndex names;

    public ConferenceClassifier(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.names = new NameIndex(catalogue.all());
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    /** @return the edition the post reports on, or null when it is not a conference report */
    public Classification classify(ClassifierInput post) {
        String lead = post.text() == null ? "" : post.text().substring(0, Math.min(LEAD_CHARS, post.text().length()));
        List<Mention> mentions = new ArrayList<>();
        mentions.addAll(names.find(post.title(), Mention.Field.TITLE));
        for (String tag : post.tags()) {
            mentions.addAll(names.find(tag, Mention.Field.TAG));
        }
        mentions.addAll(names.find(slugWords(post.url()), Mention.Field.SLUG));
        mentions.addAll(names.find(lead, Mention.Field.LEAD));
        if (post.hint() != null) {
            mentions.addAll(names.find(post.hint(), Mention.Field.HINT));
        }

        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, List<Mention>> bySeries = new HashMap<>();
        for (Mention m : mentions) {
            bySeries.computeIfAbsent(m.series().slug(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Mention>> e : bySeries.entrySet()) {
            scores.put(e.getKey(), score(e.getValue()));
        }
        String best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        long seriesInLead = bySeries.values().stream().filter(ms -> ms.stream().anyMatch(m -> m.field() == Mention.Field.LEAD)).count();

        if (best == null || scores.get(best) < MIN_SERIES_SCORE || !anchored(bySeries.get(best))) {
            return detectedEvent(post, lead);
        }
        // the report words are weighed only for a post that names an event: most posts name none
        List<Evidence> evidence = new ArrayList<>();
        double report = reportSignals(post.title(), lead, evidence);
        List<Mention> main = bySeries.get(best);
        ConferenceSeries series = catalogue.series(best);
        main.stream().filter(m -> m.field() != Mention.Field.LEAD || main.size() <= 3)
                .forEach(m -> evidence.add(new Evidence("named-in-" + m.field().name().toLowerCase(), m.text(), weight(m))));
        if (seriesInLead >= 3 && main.stream().noneMatch(m -> m.field() == Mention.Field.TITLE)) {
            evidence.add(new Evidence("lists-several-events", seriesInLead + " events named in the opening", -2));
            report -= 2;
        }
        Edition edition = main.stream().filter(m -> m.edition() != null)
                .sorted((a, b) -> Integer.compare(a.field().ordinal(), b.field().ordinal()))
                .map(Mention::edition).findFirst().orElse(null);
        boolean inferred = false;
        if (edition == null) {
            edition = inferEdition(series, post.published());
            inferred = edition != null;
            if (inferred) {
                evidence.add(new Evidence("edition-inferred-from-date", edition.label(), 0));
            }
        }
        if (edition == null) {
            return null;
        }
        report += timing(series, edition, post.published(), evidence);
        boolean titleNamesEvent = main.stream().anyMatch(m -> m.field() == Mention.Field.TITLE) && titleIsMostlyTheEvent(post.title(), main);
        if (titleNamesEvent) {
            evidence.add(new Evidence("title-names-the-event", post.title(), 1.5));
            report += 1.5;
        }
        boolean hinted = main.stream().anyMatch(m -> m.field() == Mention.Field.HINT);
        if (hinted) {
            report += 1;
        }
        if (report < 1) {
            return null;
        }
        double confidence = Math.min(0.99, 0.4 + 0.04 * scores.get(best) + 0.08 * report - (inferred ? 0.1 : 0));
        String name = series.name() + " " + edition.label();
        return new Classification(edition.slug(series.slug()), series.slug(), series.name(), edition.label(), name,
                edition.year(), round(confidence), false, inferred, false, List.copyOf(evidence));
    }

    /** Adds the report words of the title and the opening to {@code evidence}; returns their total weight. */
    private static double reportSignals(String title, String lead, List<Evidence> evidence) {
        double report = 0;
        for (Evidence e : ReportSignals.inTitle(title)) {
            evidence.add(e);
            report += e.weight();
        }
        for (Evidence e : ReportSignals.inLead(lead)) {
            evidence.add(e);
            report += e.weight();
        }
        return report;
    }

    private Classification detectedEvent(ClassifierInput post, String lead) {
        EventDetector.Detected event = EventDetector.in(post.title());
        if (event == null) {
            return null;
        }
        List<Evidence> evidence = new ArrayList<>();
        double report = reportSignals(post.title(), lead, evidence);
        evidence.add(new Evidence("event-named-in-title", event.text(), 3));
        double total = report;
        if (post.published() != null) {
            int postYear = LocalDate.ofInstant(post.published(), ZoneOffset.UTC).getYear();
            if (postYear == event.year()) {
                evidence.add(new Evidence("posted-the-year-of-the-event", Integer.toString(postYear), 1));
                total += 1;
            } else if (postYear < event.year()) {
                evidence.add(new Evidence("posted-before-the-event", Integer.toString(postYear), -3));
                total -= 3;
            }
        }
        if (total < 2) {
            return null;
        }
        String seriesSlug = Slugs.of(event.name());
        Edition edition = Edition.ofYear(event.year());
        return new Classification(edition.slug(seriesSlug), seriesSlug, event.name(), edition.label(),
                event.name() + " " + event.year(), event.year(), round(Math.min(0.9, 0.35 + 0.08 * total)), true, false,
                false, List.copyOf(evidence));
    }

    private static double score(List<Mention> mentions) {
        double score = 0;
        int lead = 0;
        boolean leadEdition = false;
        for (Mention m : mentions) {
            if (m.field() == Mention.Field.LEAD) {
                if (lead++ < 3) {
                    score += 1;
                }
                if (m.edition() != null && !leadEdition) {
                    score += 1;
                    leadEdition = true;
                }
            } else {
                score += weight(m);
            }
        }
        return score;
    }

    private static double weight(Mention m) {
        double base = switch (m.field()) {
            case TITLE -> 6;
            case TAG, SLUG -> 3;
            case HINT -> 4;
            case LEAD -> 1;
        };
        return base + (m.edition() != null && m.field() != Mention.Field.LEAD ? 2 : 0);
    }

    /** The post must name the series somewhere other than in passing: title, tags, URL, the feed's hint, or twice with an edition. */
    private static boolean anchored(List<Mention> mentions) {
        if (mentions.stream().anyMatch(m -> m.field() != Mention.Field.LEAD)) {
            return true;
        }
        return mentions.size() >= 2 && mentions.stream().anyMatch(m -> m.edition() != null);
    }

    /** The title is the event and little else: "2024 FOSS Backstage", "FOSDEM'20 Brussels", "SCaLE 20x – Day 3". */
    private static boolean titleIsMostlyTheEvent(String title, List<Mention> main) {
        String rest = title;
        for (Mention m : main) {
            if (m.field() == Mention.Field.TITLE) {
                rest = rest.replace(m.text(), " ");
            }
        }
        long words = Tokens.of(rest).list.stream()
                .filter(t -> !t.isNumber() && !List.of("day", "jour", "tag", "part", "recap", "notes").contains(t.lower()))
                .count();
        return words <= 2;
    }

    /** Reports come after the event: a post dated before the edition's year is not one. */
    private static double timing(ConferenceSeries series, Edition edition, Instant published, List<Evidence> evidence) {
        if (published == null || edition.year() == null) {
            return 0;
        }
        LocalDate date = LocalDate.ofInstant(published, ZoneOffset.UTC);
        int firstMonth = series.month().isEmpty() ? 1 : series.month().stream().min(Integer::compare).orElse(1);
        LocalDate eventStart = LocalDate.of(edition.year(), firstMonth, 1);
        if (date.isBefore(eventStart)) {
            evidence.add(new Evidence("posted-before-the-event", date.toString(), -2));
            return -2;
        }
        int lastMonth = series.month().isEmpty() ? 12 : series.month().stream().max(Integer::compare).orElse(12);
        if (date.isBefore(LocalDate.of(edition.year(), lastMonth, 1).plusMonths(4))) {
            evidence.add(new Evidence("posted-soon-after-the-event", date.toString(), 1));
            return 1;
        }
        return 0;
    }

    /** The latest edition held on or before the post date. */
    private static Edition inferEdition(ConferenceSeries series, Instant published) {
        if (published == null || series.byCity()) {
            return null;
        }
        LocalDate date = LocalDate.ofInstant(published, ZoneOffset.UTC);
        int firstMonth = series.month().isEmpty() ? 1 : series.month().stream().min(Integer::compare).orElse(1);
        // a report is written after the event: early in the event's first month it most likely has not happened yet
        boolean heldThisYear = date.getMonthValue() > firstMonth || (date.getMonthValue() == firstMonth && date.getDayOfMonth() >= 15);
        int year = heldThisYear ? date.getYear() : date.getYear() - 1;
        if (series.numbered()) {
            Integer n = series.ordinal().numberIn(year);
            return n == null ? null : Edition.numbered(series, n);
        }
        return Edition.ofYear(year);
    }

    /** "/2023/05/24/2023-percona-live-day-2/" → "2023 05 24 2023 percona live day 2". */
    private static String slugWords(String url) {
        if (url == null) {
            return "";
        }
        try {
            String path = URI.create(url).getPath();
            return path == null ? "" : path.replaceAll("[-_/.]+", " ").replaceAll("\\b(html?|php|aspx?)\\b", " ");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
