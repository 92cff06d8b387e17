package dev.hallway.conference;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every edition a post might report on: each catalogued series it names (in the title, tags, URL slug, opening or
 * the feed's hint), with the edition written beside a name or inferred from the post date, and each event named
 * beside an edition in the title or first lines that no catalogue lists.
 */
final class CandidateFinder {

    /** How much of a post's text is read: reports say what they are about early. */
    static final int LEAD_CHARS = 1500;
    /** Where events missing from the catalogue are looked for in the text. */
    static final int DETECT_CHARS = 300;
    /** An event name longer than this is a sentence the detector walked into, not a name (slugs are cut at 200). */
    private static final int MAX_DETECTED_NAME = 120;
    /** A report on an edition is written within about a year of it. */
    private static final int REPORT_WINDOW_DAYS = 400;

    /** Between a series (with its year) and the place beside it: "Linux Day 2017 - Mantova", "4Developers Wrocław - 2019". */
    private static final Pattern PLACE_AFTER = Pattern.compile("[\\s\\-–—:,/|(]*(?:(?:19|20)\\d\\d[\\s\\-–—:,/|(]*)?");
    private static final Pattern PLACE_BEFORE = Pattern.compile("[\\s\\-–—:,]*");

    private final Catalogue catalogue;
    private final NameIndex names;
    private final EventDetector detector;
    private final Places places;

    CandidateFinder(Catalogue catalogue, EventDetector detector, List<String> placeNames) {
        this.catalogue = catalogue;
        List<String> known = new ArrayList<>(catalogue.cities());
        known.addAll(placeNames);
        this.places = new Places(known);
        this.names = new NameIndex(catalogue.all(), places);
        this.detector = detector;
    }

    /** Where report cues are read: the whole post, up to a bound that keeps a huge post's cost in check. */
    static final int CUE_CHARS = 20_000;

    static String cueText(ClassifierInput post) {
        return opening(post, CUE_CHARS);
    }

    static String lead(ClassifierInput post) {
        return opening(post, LEAD_CHARS);
    }

    private static String opening(ClassifierInput post, int chars) {
        String text = post.text() == null ? "" : post.text();
        return text.substring(0, Math.min(chars, text.length()));
    }

    List<Candidate> find(ClassifierInput post, String lead) {
        List<Mention> mentions = new ArrayList<>(names.find(post.title(), Mention.Field.TITLE));
        for (String tag : post.tags()) {
            mentions.addAll(names.find(tag, Mention.Field.TAG));
        }
        mentions.addAll(names.find(slugWords(post.url()), Mention.Field.SLUG));
        mentions.addAll(names.find(lead, Mention.Field.LEAD));
        if (post.hint() != null) {
            mentions.addAll(names.find(post.hint(), Mention.Field.HINT));
        }
        Map<String, List<Mention>> bySeries = new LinkedHashMap<>();
        mentions.forEach(m -> bySeries.computeIfAbsent(m.series().slug(), k -> new ArrayList<>()).add(m));

        List<Candidate> candidates = new ArrayList<>();
        for (List<Mention> ms : bySeries.values()) {
            Candidate c = catalogued(ms, post, lead);
            if (c != null) {
                candidates.add(c);
            }
        }
        detected(post.title(), Mention.Field.TITLE, bySeries, candidates);
        detected(lead.substring(0, Math.min(DETECT_CHARS, lead.length())), Mention.Field.LEAD, bySeries, candidates);
        if (post.published() != null) {
            int year = LocalDate.ofInstant(post.published(), ZoneOffset.UTC).getYear();
            for (String name : detector.namedWithoutEdition(post.title())) {
                addDetected(name, name, Edition.ofYear(year), Mention.Field.TITLE, null, bySeries, candidates);
            }
        }
        return candidates;
    }

    private Candidate catalogued(List<Mention> ms, ClassifierInput post, String lead) {
        Instant published = post.published();
        ConferenceSeries series = ms.get(0).series();
        if (series.listed() && ms.stream().allMatch(m -> m.field() == Mention.Field.LEAD)) {
            return null; // thousands of listed series: one named only in passing in the text is no subject
        }
        Mention withEdition = ms.stream().filter(m -> m.edition() != null)
                .min((a, b) -> Integer.compare(a.field().ordinal(), b.field().ordinal())).orElse(null);
        List<DatedEdition> dated = catalogue.dated(series.slug());
        String place = series.byCity() && (withEdition == null || withEdition.edition().city() == null)
                ? placeNamed(series, dated, ms, post.title(), lead) : null;
        if (withEdition != null) {
            Edition e = inPlace(withEdition.edition(), place);
            return new Candidate(series, e, withEdition.field(), List.copyOf(ms), datesOf(dated, e), false);
        }
        if (place != null) { // the post says where: the editions held there
            dated = dated.stream().filter(d -> d.city().equalsIgnoreCase(place)).toList();
        }
        DatedEdition last = lastBefore(dated, published);
        Edition byMonth = inferFromMonth(series, published, place != null);
        if (last != null && byMonth != null && byMonth.year() != null && !series.month().isEmpty() && byMonth.year() > last.year()) {
            // the data set stops before the edition the usual month points to (FOSDEM 2024 not listed yet): its
            // dates from the other years, when the series keeps to its dates
            last = estimatedBefore(dated, byMonth.year(), published);
        }
        Edition inferred = last == null ? inPlace(byMonth, place)
                : place != null && !series.numbered() ? Edition.inCity(place, last.year()) : editionOf(series, last);
        return inferred == null ? null : new Candidate(series, inferred, null, List.copyOf(ms), last, false);
    }

    /** The estimated edition of {@code year}, or of the year before when that one had not begun by the post date. */
    private static DatedEdition estimatedBefore(List<DatedEdition> dated, int year, Instant published) {
        LocalDate date = LocalDate.ofInstant(published, ZoneOffset.UTC);
        for (int y = year; y >= year - 1; y--) {
            DatedEdition d = EstimatedDates.of(dated, y);
            if (d != null && !d.start().isAfter(date)) {
                return d;
            }
        }
        return null;
    }

    /** A year edition held in the place the post names, written as the post writes the place. */
    private static Edition inPlace(Edition e, String place) {
        if (e == null || place == null || e.year() == null || e.number() != null || !e.label().equals(Integer.toString(e.year()))) {
            return e;
        }
        return Edition.inCity(place, e.year());
    }

    /**
     * For a series held in several places a year, the place the post names: beside the series in the title ("Agile
     * Tour Toulouse", "Linux Day 2017 - Mantova", "Melbourne Ceph Day"), else the first of the series' host cities
     * that the opening names. Null when it names none.
     */
    private String placeNamed(ConferenceSeries series, List<DatedEdition> dated, List<Mention> ms, String title, String lead) {
        String beside = besideInTitle(ms, title);
        if (beside != null) {
            return beside;
        }
        return places.in(lead).stream().map(Places.Found::name)
                .filter(p -> series.cities().stream().anyMatch(p::equalsIgnoreCase)
                        || dated.stream().anyMatch(d -> d.city().equalsIgnoreCase(p)))
                .findFirst().orElse(null);
    }

    private String besideInTitle(List<Mention> ms, String title) {
        if (title == null || ms.stream().noneMatch(m -> m.field() == Mention.Field.TITLE)) {
            return null;
        }
        List<Places.Found> found = places.in(title);
        for (Mention m : ms) {
            int at = m.field() == Mention.Field.TITLE ? title.indexOf(m.text()) : -1;
            if (at < 0) {
                continue;
            }
            int end = at + m.text().length();
            for (Places.Found p : found) {
                boolean inside = p.start() >= at && p.end() <= end;
                if (!inside && (p.start() >= end && PLACE_AFTER.matcher(title.substring(end, p.start())).matches()
                        || p.end() <= at && PLACE_BEFORE.matcher(title.substring(p.end(), at)).matches())) {
                    return p.name();
                }
            }
        }
        return null;
    }

    /** Events named beside an edition that the catalogue does not know (or knows under this very name). */
    private void detected(String text, Mention.Field field, Map<String, List<Mention>> catalogued, List<Candidate> out) {
        for (EventDetector.Detected d : detector.in(text)) {
            addDetected(d.name(), d.text(), d.edition(), field, field, catalogued, out);
        }
    }

    private static void addDetected(String name, String text, Edition edition, Mention.Field field, Mention.Field editionFrom,
                                    Map<String, List<Mention>> catalogued, List<Candidate> out) {
        String slug = Slugs.of(name);
        if (name.length() > MAX_DETECTED_NAME || catalogued.containsKey(slug) || out.stream().anyMatch(c -> c.series().slug().equals(slug))) {
            return;
        }
        // a name the catalogue knows under another slug ("Agile Tour Toulouse" when the catalogue matched "Agile")
        // still competes: the features say which reads as the subject
        ConferenceSeries series = new ConferenceSeries(slug, name, List.of(), List.of(), "year", null, List.of(),
                List.of(), null, "detected");
        Mention m = new Mention(series, field, text, edition);
        out.add(new Candidate(series, edition, editionFrom, List.of(m), null, true));
    }

    private static DatedEdition datesOf(List<DatedEdition> dated, Edition e) {
        if (e.year() == null) {
            return null;
        }
        return EstimatedDates.of(dated.stream().filter(d -> e.city() == null || d.city().equalsIgnoreCase(e.city())).toList(),
                e.year());
    }

    /** The latest edition that began on or before the post date, if the post came within a report's reach of it. */
    private static DatedEdition lastBefore(List<DatedEdition> dated, Instant published) {
        if (published == null || dated.isEmpty()) {
            return null;
        }
        LocalDate date = LocalDate.ofInstant(published, ZoneOffset.UTC);
        DatedEdition last = null;
        for (DatedEdition d : dated) {
            if (!d.start().isAfter(date)) {
                last = d;
            }
        }
        return last != null && last.end().plusDays(REPORT_WINDOW_DAYS).isAfter(date) ? last : null;
    }

    private static Edition editionOf(ConferenceSeries series, DatedEdition d) {
        if (series.numbered()) {
            Integer n = series.ordinal().numberIn(d.year());
            return n == null ? null : Edition.numbered(series, n);
        }
        if (series.byCity()) {
            return d.city().isEmpty() ? null : Edition.inCity(d.city(), d.year());
        }
        return Edition.ofYear(d.year());
    }

    /** Without real dates: the latest edition held on or before the post date, from the series' usual month. */
    private static Edition inferFromMonth(ConferenceSeries series, Instant published, boolean placeKnown) {
        if (published == null || (series.byCity() && !placeKnown)) {
            return null; // a series held in many places a year: which one, the post must say
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
    static String slugWords(String url) {
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
}
