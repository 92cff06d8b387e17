package dev.hallway.conference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the series of a catalogue named in a text, and the edition written beside each name. Names are looked up
 * by their first word, so a post is read once whatever the size of the catalogue.
 */
final class NameIndex {

    /**
     * Names that are also everyday words: matched only as written (SCaLE, SCALE) or when an edition marker follows
     * ("Scale 20x").
     */
    private static final Set<String> EVERYDAY = Set.of("scale", "user", "build", "config", "current", "next", "summit",
            "collision", "velocity", "live", "forward", "connect", "ignite", "inspire", "dash", "sessions", "universe",
            "commit", "coalesce", "explore", "render", "strange loop", "goto", "craft", "leaddev", "monitorama");
    /** Words between a name and its year: "DotScale conference 2015", "FOSDEM edition 2020". */
    private static final Set<String> FILLERS = Set.of("conference", "conf", "summit", "edition", "event", "expo",
            "the", "de", "des", "du", "la", "le", "in", "à", "a");

    private record Variant(ConferenceSeries series, String[] lower, String[] original, boolean exactCase,
                           Pattern ordinalAfter, boolean editionRequired) {
        Variant(ConferenceSeries series, String[] lower, String[] original, boolean exactCase, Pattern ordinalAfter) {
            this(series, lower, original, exactCase, ordinalAfter, false);
        }
    }

    /** The event word a name the open data set lists may be written without: "Fronteers 2011" for Fronteers Conference. */
    private static final Set<String> CONFERENCE_WORDS = Set.of("conference", "conf", "konferenz", "conférence");

    private final Map<String, List<Variant>> byFirstWord = new HashMap<>();
    /** Numbered editions written without the series name: "37C3". */
    private final Map<Pattern, ConferenceSeries> standalone = new HashMap<>();

    private final Places places;

    NameIndex(Iterable<ConferenceSeries> catalogue, Places places) {
        this.places = places;
        for (ConferenceSeries series : catalogue) {
            Pattern ordinal = ordinalAfterName(series);
            add(series, series.name(), ordinal, false);
            series.aliases().forEach(a -> add(series, a, ordinal, false));
            series.abbreviations().forEach(a -> add(series, a, ordinal, true));
            if (series.numbered() && series.ordinal().format().startsWith("{n}") && series.ordinal().format().length() > 3) {
                String suffix = series.ordinal().format().substring(3).toLowerCase(Locale.ROOT);
                standalone.put(Pattern.compile("(\\d{1,3})" + Pattern.quote(suffix)), series);
            }
        }
    }

    private void add(ConferenceSeries series, String name, Pattern ordinal, boolean abbreviation) {
        Tokens tokens = Tokens.of(name);
        if (tokens.size() == 0) {
            return;
        }
        String[] lower = new String[tokens.size()];
        String[] original = new String[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            lower[i] = tokens.get(i).lower();
            original[i] = tokens.get(i).text();
        }
        String joined = String.join(" ", lower);
        // a series only the open data set lists may be named with everyday words ("Render", "Connect"): as written only
        boolean exactCase = EVERYDAY.contains(joined) || (abbreviation && joined.length() <= 4) || series.listed();
        put(new Variant(series, lower, original, exactCase, ordinal));
        if (lower.length >= 2 && lower.length <= 3 && !EVERYDAY.contains(joined)) {
            // "PyConJP", "DevoxxUK", "AndroidMakers": short names are also written without their spaces (a name only
            // the open data set lists, as written: "AndroidMakers", not "androidmakers")
            put(new Variant(series, new String[]{String.join("", lower)}, new String[]{String.join("", original)}, exactCase, ordinal));
        }
        if (lower.length <= 3 && !abbreviation) {
            spaced(series, original, ordinal);
        }
        if (series.listed() && lower.length == 2 && lower[0].length() >= 5 && CONFERENCE_WORDS.contains(lower[1])) {
            // only beside an edition: "Fronteers 2011" is the conference, "Functional Java" is not Functional Conf
            put(new Variant(series, new String[]{lower[0]}, new String[]{original[0]}, true, ordinal, true));
        }
    }

    /**
     * A name with a word run together from two ("DevOpsDays Chicago", "phpDay", "WordCamp") is also written with the
     * space ("DevOps Days Chicago", "PHP Day", "Word Camp"), but then only beside an edition: the two words may be
     * everyday ones. The word is split where its last capital follows a small letter.
     */
    private void spaced(ConferenceSeries series, String[] original, Pattern ordinal) {
        for (int k = 0; k < original.length; k++) {
            String word = original[k];
            int at = -1;
            for (int i = 1; i < word.length(); i++) {
                if (Character.isUpperCase(word.charAt(i)) && Character.isLowerCase(word.charAt(i - 1))) {
                    at = i;
                }
            }
            if (at < 3 || word.length() - at < 3) {
                continue; // "iOS", "eXo", "DevOpsDaysX": no two words on either side
            }
            List<String> split = new ArrayList<>(List.of(original));
            split.set(k, word.substring(at));
            split.add(k, word.substring(0, at));
            String[] o = split.toArray(String[]::new);
            String[] l = split.stream().map(w -> w.toLowerCase(Locale.ROOT)).toArray(String[]::new);
            put(new Variant(series, l, o, false, ordinal, true));
        }
    }

    private void put(Variant v) {
        List<Variant> sameStart = byFirstWord.computeIfAbsent(v.lower()[0], k -> new ArrayList<>());
        sameStart.add(v);
        // the longest name wins: "Percona Live Europe" before "Percona Live"
        sameStart.sort((a, b) -> Integer.compare(b.lower().length, a.lower().length));
    }

    /** The token after the name that holds an edition number: "{n}x" → 20x, "DEF CON {n}" → 32. */
    private static Pattern ordinalAfterName(ConferenceSeries series) {
        if (!series.numbered()) {
            return null;
        }
        String format = series.ordinal().format();
        String after = format.startsWith("{n}") ? format.substring(3) : format.substring(format.indexOf("{n}") + 3);
        return Pattern.compile("(\\d{1,3})" + Pattern.quote(after.toLowerCase(Locale.ROOT)));
    }

    List<Mention> find(String text, Mention.Field field) {
        Tokens tokens = Tokens.of(text);
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token token = tokens.get(i);
            for (Map.Entry<Pattern, ConferenceSeries> e : firstDigit(token.lower()) < 0 ? Map.<Pattern, ConferenceSeries>of().entrySet() : standalone.entrySet()) {
                Matcher m = e.getKey().matcher(token.lower());
                if (m.matches()) {
                    mentions.add(new Mention(e.getValue(), field, token.text(),
                            Edition.numbered(e.getValue(), Integer.parseInt(m.group(1)))));
                }
            }
            matchAt(tokens, i, token.lower(), null, field, mentions);
            int digit = firstDigit(token.lower());
            if (digit > 0) {
                // "FOSDEM20", "Agile2024", "SCaLE13x": a name with its edition fused on
                matchAt(tokens, i, token.lower().substring(0, digit), token.lower().substring(digit), field, mentions);
            }
        }
        return mentions;
    }

    private static int firstDigit(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isDigit(word.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private void matchAt(Tokens tokens, int i, String first, String fusedDigits, Mention.Field field, List<Mention> out) {
        List<Variant> variants = byFirstWord.get(first);
        if (variants == null) {
            return;
        }
        for (Variant v : variants) {
            if (fusedDigits != null && v.lower().length != 1) {
                continue;
            }
            int end = i + v.lower().length;
            if (fusedDigits == null && v.lower().length > 1 && end <= tokens.size()) {
                Integer year = yearFusedToLastWord(tokens, i, v);
                if (year != null) { // "LINE DEVELOPER DAY2019", "JJUG CCC2019": a long name with its year fused on
                    out.add(new Mention(v.series(), field, tokens.span(i, end), Edition.ofYear(year)));
                    return;
                }
            }
            if (end > tokens.size() || !wordsMatch(tokens, i, v, fusedDigits != null)) {
                continue;
            }
            Edition edition = fusedDigits != null ? fusedEdition(v, fusedDigits) : editionAround(tokens, i, end, v);
            if ((fusedDigits != null || v.editionRequired()) && edition == null) {
                continue; // "fosdemfoo1" is not FOSDEM
            }
            boolean caseOk = !v.exactCase() || casingMatches(tokens, i, v, fusedDigits != null) || edition != null;
            if (!caseOk) {
                continue;
            }
            int from = edition != null && i > 0 && tokens.get(i - 1).isYear() && editionBefore(tokens, i) ? i - 1 : i;
            out.add(new Mention(v.series(), field, tokens.span(from, Math.min(tokens.size(), end + (edition != null && from == i ? 1 : 0))), edition));
            return;
        }
    }

    /** The year fused to the last word of a name of several words, when every word is there: "DAY2019" → 2019. */
    private static Integer yearFusedToLastWord(Tokens tokens, int i, Variant v) {
        int last = v.lower().length - 1;
        String word = tokens.get(i + last).lower();
        String name = v.lower()[last];
        if (word.length() != name.length() + 4 || !word.startsWith(name) || v.series().numbered()) {
            return null;
        }
        for (int k = 0; k < last; k++) {
            if (!tokens.get(i + k).lower().equals(v.lower()[k])) {
                return null;
            }
        }
        return Years.of(word.substring(name.length()), false);
    }

    private static boolean wordsMatch(Tokens tokens, int i, Variant v, boolean fused) {
        for (int k = 0; k < v.lower().length; k++) {
            String word = tokens.get(i + k).lower();
            if (fused && k == 0) {
                continue;
            }
            if (!word.equals(v.lower()[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean casingMatches(Tokens tokens, int i, Variant v, boolean fused) {
        for (int k = 0; k < v.original().length; k++) {
            String word = tokens.get(i + k).text();
            if (fused && k == 0) {
                word = word.substring(0, firstDigit(word.toLowerCase(Locale.ROOT)));
            }
            String expected = v.original()[k];
            if (!word.equals(expected) && !word.equals(expected.toUpperCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static Edition fusedEdition(Variant v, String rest) {
        if (v.ordinalAfter() != null) {
            Matcher m = v.ordinalAfter().matcher(rest);
            return m.matches() ? Edition.numbered(v.series(), Integer.parseInt(m.group(1))) : null;
        }
        Integer year = Years.of(rest, true);
        return year == null ? null : Edition.ofYear(year);
    }

    /** An edition next to a name: "FOSDEM 2019", "FOSDEM'19", "2023 Percona Live", "SCaLE 20x", "DevOpsDays Amsterdam 2024". */
    private Edition editionAround(Tokens tokens, int start, int end, Variant v) {
        ConferenceSeries series = v.series();
        int k = end;
        while (k < tokens.size() && k < end + 2 && FILLERS.contains(tokens.get(k).lower()) && tokens.get(k).start() - tokens.get(k - 1).end() <= 2) {
            k++;
        }
        if (k < tokens.size() && tokens.get(k).start() - tokens.get(k - 1).end() <= 3) {
            Tokens.Token next = tokens.get(k);
            if (v.ordinalAfter() != null) {
                Matcher m = v.ordinalAfter().matcher(next.lower());
                if (m.matches()) {
                    return Edition.numbered(series, Integer.parseInt(m.group(1)));
                }
            }
            if (series.byCity() && isPlace(series, next) && k + 1 < tokens.size() && tokens.get(k + 1).isYear()) {
                return Edition.inCity(next.text(), Integer.parseInt(tokens.get(k + 1).text()));
            }
            boolean apostrophe = "'’‘`".indexOf(tokens.charBefore(k)) >= 0;
            Integer year = next.isNumber() ? Years.of(next.text(), apostrophe) : null;
            if (year != null && !series.numbered()) {
                if (series.byCity() && k + 1 < tokens.size() && tokens.gap(k, k + 1).equals(" ") && isPlace(series, tokens.get(k + 1))) {
                    return Edition.inCity(tokens.get(k + 1).text(), year);
                }
                return Edition.ofYear(year, tokens, k);
            }
        }
        if (start > 0 && tokens.get(start - 1).isYear() && editionBefore(tokens, start) && !series.numbered()) {
            return Edition.ofYear(Integer.parseInt(tokens.get(start - 1).text()));
        }
        return null;
    }

    /** "Amsterdam" in "DevOpsDays Amsterdam 2024": one of the series' cities or a place known elsewhere. */
    private boolean isPlace(ConferenceSeries series, Tokens.Token t) {
        return t.isCapitalized() && !t.isNumber()
                && (series.cities().stream().anyMatch(t.text()::equalsIgnoreCase) || places.isPlace(t.text()));
    }

    private static boolean editionBefore(Tokens tokens, int start) {
        return tokens.gap(start - 1, start).isBlank();
    }
}
