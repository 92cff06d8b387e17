package dev.hallway.conference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evidence that one candidate edition is what a post reports on, as named features the report model weighs:
 * where the post names the series and its edition, the title's shape, looking-back and looking-forward cues in
 * thirteen languages, the post date against the edition's real dates, and the other events the post names.
 * Each feature keeps the words that fired it, so a decision can be explained.
 */
final class ReportFeatures {

    /** The cue groups of cues.yaml, read in the title and in the opening of the text. */
    static final List<String> CUE_GROUPS = List.of("looking-back", "first-person-past", "event-was", "looking-forward",
            "call-for-papers", "schedule", "invitation", "videos-online", "hiring", "release-notes", "tutorial",
            "interview", "not-attended");

    /** A post's cues, found once and shared by its candidates. */
    record PostCues(Map<String, List<String>> title, Map<String, List<String>> text, String dayMarker, String dayOrdinal,
                    int textLength) {
    }

    /** Feature name → value (1 for a fact that holds), and the words behind it. */
    record Vector(Map<String, Double> values, Map<String, String> why) {
        Vector() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        void set(String feature, double value, String because) {
            if (value != 0) {
                values.put(feature, value);
                why.put(feature, because);
            }
        }

        void set(String feature, boolean holds, String because) {
            if (holds) {
                set(feature, 1, because);
            }
        }
    }

    private final CueLexicon lexicon;
    private final Pattern dayMarker;
    private final Pattern possessive;

    ReportFeatures(CueLexicon lexicon) {
        this.lexicon = lexicon;
        this.dayMarker = dayMarkerPattern(lexicon.phrases("day-marker"));
        this.possessive = Pattern.compile("^\\s*(" + alternatives(lexicon.phrases("my-event")) + ")\\s");
    }

    /** @param text where text cues are read (the post up to {@link CandidateFinder#CUE_CHARS}) */
    PostCues cues(ClassifierInput post, String text) {
        String title = lower(post.title());
        Matcher day = dayMarker.matcher(title);
        List<String> ordinal = lexicon.find(title, 1).getOrDefault("day-ordinal", List.of());
        return new PostCues(lexicon.find(title, 2), withoutTitleForms(lexicon.find(lower(text), 2)), day.find() ? day.group() : null,
                ordinal.isEmpty() ? null : ordinal.get(0), post.text() == null ? 0 : post.text().length());
    }

    /**
     * "Attending X" is a title's way of saying "I went to X"; in a post's text "attending" is as often "I'll be
     * attending" or "people attending": not a cue there.
     */
    private static Map<String, List<String>> withoutTitleForms(Map<String, List<String>> text) {
        List<String> past = text.get("first-person-past");
        if (past != null && past.contains("attending")) {
            List<String> rest = past.stream().filter(p -> !p.equals("attending")).toList();
            if (rest.isEmpty()) {
                text.remove("first-person-past");
            } else {
                text.put("first-person-past", rest);
            }
        }
        return text;
    }

    Vector of(ClassifierInput post, Candidate c, List<Candidate> all, PostCues cues) {
        Vector v = new Vector();
        String title = post.title() == null ? "" : post.title();
        where(v, c);
        v.set("edition-in-title", c.editionFrom() == Mention.Field.TITLE, c.edition().label());
        v.set("edition-elsewhere", c.editionFrom() != null && c.editionFrom() != Mention.Field.TITLE, c.edition().label());
        v.set("edition-inferred-from-date", c.inferred(), c.edition().label());
        v.set("edition-is-a-number", c.edition().year() == null, c.edition().label());
        v.set(c.detected() ? "event-not-in-catalogue" : c.series().listed() ? "series-from-data-set" : "series-curated", true,
                c.series().name());
        if (c.detected()) {
            detected(v, post, c);
        }
        titleShape(v, title, c, cues);
        for (String group : CUE_GROUPS) {
            List<String> inTitle = cues.title().get(group);
            List<String> inText = cues.text().get(group);
            v.set("title-" + group, inTitle != null, inTitle == null ? null : String.join(", ", inTitle));
            v.set("text-" + group, inText != null, inText == null ? null : String.join(", ", inText));
        }
        timing(v, c, post.published());
        context(v, c, all, cues);
        boolean looksBack = cues.title().containsKey("looking-back") || cues.text().containsKey("looking-back")
                || cues.text().containsKey("first-person-past") || cues.dayMarker() != null;
        titleWords(v, title, c, cues);
        boolean looksForward = cues.title().containsKey("looking-forward") || cues.text().containsKey("looking-forward")
                || cues.title().containsKey("invitation") || cues.text().containsKey("invitation");
        boolean notAfter = v.values().keySet().stream().anyMatch(f -> f.endsWith("posted-before-the-event")
                || f.endsWith("posted-during-the-event") || f.equals("posted-before-the-edition-year"));
        v.set("looks-forward-and-posted-before-it-ended", looksForward && notAfter, title);
        v.set("looks-forward-without-looking-back", looksForward && !looksBack, title);
        v.set("named-in-title-and-looks-back", c.namedIn(Mention.Field.TITLE) && looksBack, title);
        v.set("named-in-text-only-and-looks-back", onlyInText(c) && looksBack, title);
        if (c.inferred()) {
            inferredAnd(v);
        }
        return v;
    }

    /**
     * An edition the post does not name is a weaker candidate, unless the timing and the title say report: the same
     * facts weighed apart for inferred editions (cross-validated over 1,133 posts: 0.786 / 0.659 → 0.791 / 0.667;
     * the same crosses for detected events did worse).
     */
    private static void inferredAnd(Vector v) {
        for (String f : List.copyOf(v.values().keySet())) {
            if (f.contains("posted-") || f.equals("title-looking-back") || f.equals("title-first-person-past")
                    || f.equals("named-in-title-and-looks-back") || f.startsWith("title-is-") || f.equals("title-day-n")) {
                v.set("inferred-and-" + f, true, v.why().get(f));
            }
        }
    }

    /** The title's other words (and Japanese/Korean character pairs): what the cue lists do not know yet. */
    private static void titleWords(Vector v, String title, Candidate c, PostCues cues) {
        String rest = title;
        for (Mention m : c.mentions()) {
            if (m.field() == Mention.Field.TITLE) {
                rest = rest.replace(m.text(), " ");
            }
        }
        rest = rest.replace(c.series().name(), " ").toLowerCase(Locale.ROOT);
        // a word the cue lists already weigh ("recap") would be weighed twice, and its second weight learns what the
        // first missed in the training blogs rather than what the word says
        for (List<String> phrases : cues.title().values()) {
            for (String phrase : phrases) {
                rest = rest.replace(phrase, " ");
            }
        }
        for (Tokens.Token t : Tokens.of(rest).list) {
            String w = t.lower();
            if (Tokens.isCjk(w.charAt(0))) {
                for (int i = 0; i + 2 <= w.length(); i++) {
                    v.set("title-word:" + w.substring(i, i + 2), true, w);
                }
            } else if (w.length() >= 3 && !t.isNumber()) {
                v.set("title-word:" + w, true, w);
            }
        }
    }

    private static void where(Vector v, Candidate c) {
        for (Mention.Field f : Mention.Field.values()) {
            c.mentions().stream().filter(m -> m.field() == f).findFirst()
                    .ifPresent(m -> v.set("named-in-" + f.name().toLowerCase(Locale.ROOT), true, m.text()));
        }
        // no labelled post comes with a feeds.yaml hint, so the model has no weight of its own for one: a hint says
        // what a tag says (the feed, not the post, names the event), and weighs as a tag does
        c.mentions().stream().filter(m -> m.field() == Mention.Field.HINT).findFirst()
                .ifPresent(m -> v.set("named-in-tag", true, m.text()));
        long inText = c.mentionsIn(Mention.Field.LEAD);
        v.set("named-often-in-text", inText >= 3, inText + " times");
        v.set("named-in-text-only", onlyInText(c), c.series().name());
    }

    private static boolean onlyInText(Candidate c) {
        return c.mentions().stream().allMatch(m -> m.field() == Mention.Field.LEAD);
    }

    private void detected(Vector v, ClassifierInput post, Candidate c) {
        String name = c.series().name();
        String[] words = name.split("[\\s\\-.:']+");
        boolean eventWord = false, gathering = false;
        // the words as written, with the event word the name may have shed ("Zorblax Conference 2019" → Zorblax)
        for (String w : c.mentions().get(0).text().split("[\\s\\-.:']+")) {
            String lower = w.toLowerCase(Locale.ROOT);
            eventWord |= isEventWord(lower);
            gathering |= GATHERINGS.contains(lower);
        }
        v.set("event-name-has-an-event-word", eventWord, name);
        // a hackathon, meetup or workshop is more often a company's or a group's own than a conference
        v.set("event-name-is-a-gathering", gathering, name);
        v.set("event-name-is-one-word", words.length == 1, name);
        v.set("event-name-is-long", words.length >= 4, name);
        String lowerName = name.toLowerCase(Locale.ROOT);
        v.set("event-name-in-tags", post.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(lowerName)
                || lowerName.contains(t.toLowerCase(Locale.ROOT)) && t.length() >= 4), name);
        String text = post.text() == null ? "" : post.text().toLowerCase(Locale.ROOT);
        v.set("event-name-repeated-in-text", text.contains(lowerName), name);
    }

    private static final java.util.Set<String> GATHERINGS = java.util.Set.of("hackathon", "hackathons", "meetup", "meetups",
            "workshop", "workshops", "hackfest", "codefest", "jam", "seminar", "seminaire", "séminaire", "atelier",
            "ateliers", "borrel", "nieuwjaarsborrel", "stammtisch", "treffen", "spotkanie", "encontro", "incontro",
            "retreat", "awards", "party", "webinar", "勉強会", "もくもく会");

    private boolean isEventWord(String lower) {
        return lexicon.phrases("event-words").contains(lower) || (lower.length() > 4 && (lower.endsWith("conf")
                || lower.endsWith("con") || lower.endsWith("camp") || lower.endsWith("fest") || lower.endsWith("kaigi")
                || lower.endsWith("days")));
    }

    private void titleShape(Vector v, String title, Candidate c, PostCues cues) {
        v.set("title-day-n", cues.dayMarker() != null, cues.dayMarker());
        v.set("title-day-ordinal", cues.dayOrdinal() != null, cues.dayOrdinal());
        v.set("title-question", title.contains("?"), title);
        if (!c.namedIn(Mention.Field.TITLE)) {
            return;
        }
        String rest = title;
        for (Mention m : c.mentions()) {
            if (m.field() == Mention.Field.TITLE) {
                rest = rest.replace(m.text(), " ");
            }
        }
        String restLower = rest.toLowerCase(Locale.ROOT);
        if (cues.dayMarker() != null) {
            restLower = restLower.replace(cues.dayMarker(), " ");
        }
        long words = Tokens.of(restLower).list.stream().filter(t -> !t.isNumber()).count();
        long cjk = restLower.chars().filter(ch -> Tokens.isCjk((char) ch)).count();
        v.set("title-is-the-event", words == 0 && cjk == 0, title);
        v.set("title-is-mostly-the-event", words > 0 && words <= 2 && cjk <= 12, title);
        v.set("title-is-long", words >= 9, title);
        Matcher mine = possessive.matcher(title.toLowerCase(Locale.ROOT));
        String firstName = c.mentions().stream().filter(m -> m.field() == Mention.Field.TITLE).findFirst().map(Mention::text).orElse("");
        v.set("title-my-event", mine.find() && title.substring(mine.end()).strip().startsWith(firstName), title);
        v.set("title-starts-with-the-event", title.strip().startsWith(firstName) && !firstName.isEmpty(), firstName);
    }

    private static void timing(Vector v, Candidate c, Instant published) {
        if (published == null) {
            v.set("no-post-date", true, "");
            return;
        }
        LocalDate date = LocalDate.ofInstant(published, ZoneOffset.UTC);
        DatedEdition d = c.dates() != null ? c.dates() : usualDates(c);
        if (d != null) {
            // real dates say more than a series' usual month: the model weighs them apart
            String because = date + " vs " + d.start() + ".." + d.end() + (c.dates() == null ? " (usual month)"
                    : d.estimated() ? " (estimated from other years)" : "");
            String p = c.dates() == null ? "usual-month-" : "";
            long after = ChronoUnit.DAYS.between(d.end(), date);
            if (date.isBefore(d.start())) {
                v.set(p + "posted-before-the-event", true, because);
            } else if (!date.isAfter(d.end())) {
                v.set(p + "posted-during-the-event", true, because);
            } else if (after <= 14) {
                v.set(p + "posted-within-two-weeks-after", true, because);
            } else if (after <= 60) {
                v.set(p + "posted-within-two-months-after", true, because);
            } else if (after <= 365) {
                v.set(p + "posted-within-a-year-after", true, because);
            } else {
                v.set(p + "posted-years-after", true, because);
            }
            return;
        }
        Integer year = c.edition().year();
        if (year == null) {
            v.set("edition-year-unknown", true, c.edition().label());
            return;
        }
        String because = date + " vs " + year;
        if (date.getYear() < year) {
            v.set("posted-before-the-edition-year", true, because);
        } else if (date.getYear() == year) {
            v.set("posted-in-the-edition-year", true, because);
        } else if (date.getYear() == year + 1) {
            v.set("posted-the-year-after", true, because);
        } else {
            v.set("posted-years-after", true, because);
        }
    }

    /** Without real dates, the series' usual month(s) in the edition's year stand for them. */
    private static DatedEdition usualDates(Candidate c) {
        Integer year = c.edition().year();
        List<Integer> months = c.series().month();
        if (year == null || months.isEmpty()) {
            return null;
        }
        int first = months.stream().min(Integer::compare).orElseThrow(), last = months.stream().max(Integer::compare).orElseThrow();
        LocalDate start = LocalDate.of(year, first, 1);
        return new DatedEdition(year, start, LocalDate.of(year, last, 1).plusMonths(1).minusDays(1), "");
    }

    private static void context(Vector v, Candidate c, List<Candidate> all, PostCues cues) {
        long seriesInText = all.stream().filter(o -> !o.detected() && o.namedIn(Mention.Field.LEAD)).count();
        v.set("several-events-in-text", seriesInText >= 3, seriesInText + " events");
        double mine = strength(c);
        v.set("another-event-named-more", all.stream().anyMatch(o -> o != c && strength(o) > mine), "");
    }

    /** How prominently a post names a candidate: title, then tags, slug and hint, then the text. */
    static double strength(Candidate c) {
        double s = 0;
        s += c.namedIn(Mention.Field.TITLE) ? 4 : 0;
        s += c.namedIn(Mention.Field.TAG) || c.namedIn(Mention.Field.SLUG) || c.namedIn(Mention.Field.HINT) ? 2 : 0;
        s += Math.min(3, c.mentionsIn(Mention.Field.LEAD)) * 0.5;
        s += c.inferred() ? 0 : 0.5;
        return s;
    }

    private static Pattern dayMarkerPattern(List<String> words) {
        List<String> spaced = words.stream().filter(w -> !Tokens.isCjk(w.charAt(0))).toList();
        List<String> cjk = words.stream().filter(w -> Tokens.isCjk(w.charAt(0))).toList();
        String before = "(?<![\\p{L}\\d])(" + alternatives(spaced) + ")\\s*#?\\s*\\d{1,2}(?!\\d)";
        return Pattern.compile(cjk.isEmpty() ? before : before + "|\\d{1,2}\\s*(" + alternatives(cjk) + ")");
    }

    private static String alternatives(List<String> words) {
        List<String> quoted = words.stream().sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList();
        return quoted.isEmpty() ? "(?!)" : String.join("|", quoted);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
