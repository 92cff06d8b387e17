package dev.hallway.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names events missing from the catalogue where a post writes a name next to an edition: a run of name-like words
 * (capitalised, upper case, CamelCase, or an event word) beside a year or an edition number — "2024 Open Source
 * Founders Summit", "Feedback on DotScale conference 2015", "Breizhcamp 2014 – j1", "Rootcon 13",
 * "PyCon mini Sapporo 2019に参加してきました", "Nachlese: LinuxTag 2008". Whether that event is a report's subject is
 * for the model to weigh.
 */
final class EventDetector {

    /** Words that are never part of an event's name: articles, prepositions, possessives and report words. */
    private static final Set<String> NOT_NAMES = Set.copyOf(java.util.List.of("the", "my", "our", "a", "an", "on", "at", "from", "to", "of",
            "in", "and", "for", "with", "by", "is", "was", "i", "we", "feedback", "recap", "report", "notes", "review",
            "highlights", "takeaways", "day", "part", "retour", "sur", "le", "la", "les", "du", "de", "des", "au", "aux",
            "mon", "ma", "mes", "notre", "jour", "et", "en", "à", "rückblick", "auf", "die", "der", "das", "dem", "den",
            "mein", "meine", "unser", "tag", "und", "zur", "zum", "vom", "im", "am", "el", "los", "las", "mi", "mis",
            "nuestro", "del", "y", "il", "lo", "gli", "il", "mio", "della", "al", "e", "o", "os", "as", "meu", "minha",
            "do", "da", "no", "na", "em", "z", "w", "na", "mój", "moja", "i", "het", "een", "mijn", "op", "van",
            "naar", "over", "bij", "met", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "version", "release", "v", "episode", "issue", "week",
            "year", "edition", "update", "updates", "news", "vol", "volume", "chapter", "season", "q1", "q2", "q3", "q4"));

    /**
     * Dates are not names either ("Fin Avril 2025", "Sabato 5 Marzo 2011", "Jahresrückblick 2016"): months, weekdays
     * and the words around them in the languages of the cue lexicon.
     */
    private static final Set<String> DATE_WORDS = Set.copyOf(java.util.List.of(
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "early", "mid", "late", "end",
            "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout", "septembre",
            "octobre", "novembre", "décembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
            "dimanche", "début", "debut", "fin", "mi",
            "januar", "februar", "märz", "maerz", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
            "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "anfang", "ende", "jahresrückblick", "jahresrueckblick",
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
            "diciembre", "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
            "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "lunedì",
            "lunedi", "martedì", "martedi", "mercoledì", "mercoledi", "giovedì", "giovedi", "venerdì", "venerdi", "sabato",
            "domenica",
            "janeiro", "fevereiro", "março", "marco", "maio", "junho", "julho", "setembro", "outubro", "dezembro",
            "segunda", "terça", "terca", "quarta", "quinta", "sexta",
            "styczeń", "styczen", "luty", "marzec", "kwiecień", "kwiecien", "maj", "czerwiec", "lipiec", "sierpień",
            "sierpien", "wrzesień", "wrzesien", "październik", "pazdziernik", "listopad", "grudzień", "grudzien",
            "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "wrzesnia",
            "października", "pazdziernika", "listopada", "grudnia",
            "januari", "februari", "maart", "mei", "augustus", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
            "zaterdag", "zondag",
            "leden", "ledna", "únor", "února", "březen", "března", "duben", "dubna", "květen", "května", "červen",
            "června", "červenec", "července", "srpen", "srpna", "září", "říjen", "října", "listopadu", "prosinec",
            "prosince", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota", "neděle"));

    private static final Set<String> GENERIC_EVENT_WORDS = Set.of("conference", "conf", "conférence", "konferenz",
            "conferencia", "conferenza");
    private static final Set<String> DAY_WORDS = Set.of("day", "dag", "tag");

    record Detected(String name, Edition edition, String text) {
    }

    /** A year fused to a name: "PHPerKaigi2023", "YAPC::Hokkaido2016". */
    private static final java.util.regex.Pattern FUSED_YEAR = java.util.regex.Pattern.compile("(?<=[A-Za-z])((?:19|20)\\d{2})(?!\\d)");

    private final Set<String> eventWords;
    private final Set<String> notNames;

    /** @param cueWords one-word cues ("recap", "podsumowanie", "nachlese"): report words, never part of a name */
    EventDetector(List<String> eventWords, List<String> cueWords) {
        this.eventWords = Set.copyOf(eventWords.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
        java.util.Set<String> not = new java.util.HashSet<>(NOT_NAMES);
        not.addAll(DATE_WORDS);
        cueWords.stream().filter(w -> !w.contains(" ")).map(w -> w.toLowerCase(Locale.ROOT)).forEach(not::add);
        not.removeAll(this.eventWords);
        this.notNames = Set.copyOf(not);
    }

    /** Every event named beside an edition in the text, first one first. */
    List<Detected> in(String text) {
        Tokens tokens = Tokens.of(FUSED_YEAR.matcher(text == null ? "" : text).replaceAll(" $1"));
        List<Detected> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token t = tokens.get(i);
            Integer year = t.isYear() ? Integer.valueOf(t.text()) : shortYear(tokens, i);
            if (year != null) {
                add(found, run(tokens, i - 1, -1, i), Edition.ofYear(year, tokens, i), tokens, i);
                add(found, run(tokens, i + 1, 1, i), Edition.ofYear(year), tokens, i);
            } else if (t.isNumber() && t.text().length() <= 3 && i > 0) {
                // an edition number right after a name: only for names that say they are an event ("Rootcon 13")
                // or numbers written as editions are ("BeGeistert 031"), not "Python 3" or "Windows 10"
                int[] span = run(tokens, i - 1, -1, i);
                if (span != null && (t.text().startsWith("0") || hasEventWord(tokens, span))) {
                    add(found, span, new Edition(null, Integer.parseInt(t.text()), null, t.text()), tokens, i);
                }
            }
        }
        return found;
    }

    /**
     * Events a text names without an edition, when the name says it is an event: "Thoughts on CarpentryCon",
     * "eBPF Summit Day 2 Recap", "Post-Breizhcamp". The edition is then the post's year.
     */
    List<String> namedWithoutEdition(String text) {
        Tokens tokens = Tokens.of(text);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!nameLike(tokens.get(i)) || (i > 0 && isNameGap(tokens.gap(i - 1, i)) && nameLike(tokens.get(i - 1)))) {
                continue;
            }
            int[] span = run(tokens, i, 1, i);
            if (span != null && span[1] - span[0] <= 4 && hasEventWord(tokens, span)
                    && !(span[1] < tokens.size() && tokens.get(span[1]).isNumber())) {
                String name = tokens.span(span[0], span[1]);
                if (!eventWords.contains(name.toLowerCase(Locale.ROOT))) {
                    found.add(name); // a name ("MateraCamp", "CarpentryCon"), not a bare "Conference"
                }
            }
        }
        return found;
    }

    private static boolean isNameGap(String gap) {
        return gap.equals(" ") || gap.equals("-") || gap.equals("::") || gap.equals(".") || gap.equals("'") || gap.equals("’");
    }

    private static Integer shortYear(Tokens tokens, int i) {
        Tokens.Token t = tokens.get(i);
        return t.text().length() == 2 && "'’‘".indexOf(tokens.charBefore(i)) >= 0 ? Years.of(t.text(), true) : null;
    }

    private void add(List<Detected> found, int[] span, Edition edition, Tokens tokens, int editionAt) {
        if (span == null) {
            return;
        }
        int lo = span[0], hi = span[1];
        // "DotScale conference": the generic word is not part of the name
        if (hi - lo > 1 && GENERIC_EVENT_WORDS.contains(tokens.get(hi - 1).lower())) {
            hi--;
        }
        String name = tokens.span(lo, hi);
        // a bare event word ("Microsoft Build 2016 conference" gives "conference 2016") or a letter ("EMOCON S/S 2017"
        // gives "S 2017") names no event
        if (name.length() < 2 || GENERIC_EVENT_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
            return;
        }
        if (found.stream().noneMatch(d -> d.name().equalsIgnoreCase(name))) {
            found.add(new Detected(name, edition, tokens.span(Math.min(lo, editionAt), Math.max(hi, editionAt + 1))));
        }
    }

    /** Walks name-like words away from the edition; returns [first, last + 1] or null. */
    private int[] run(Tokens tokens, int from, int step, int editionAt) {
        int i = from, first = -1, last = -1;
        while (i >= 0 && i < tokens.size() && Math.abs(i - editionAt) <= 5) {
            Tokens.Token t = tokens.get(i);
            boolean adjacent = i == editionAt || (step > 0 ? i == 0 || isNameGap(tokens.gap(i - 1, i))
                    : i + 1 >= tokens.size() || isNameGap(tokens.gap(i, i + 1)));
            if (!adjacent || !(nameLike(t) || dayWordOfAName(tokens, i, step, editionAt))) {
                break;
            }
            if (first < 0) {
                first = i;
            }
            last = i;
            i += step;
        }
        if (first < 0) {
            return null;
        }
        int lo = Math.min(first, last), hi = Math.max(first, last) + 1;
        return tokens.get(lo).isNumber() ? null : new int[]{lo, hi};
    }

    /**
     * "Day" is a report word ("Day 2", "FOSDEM day one"), but also the last word of many names, written just before
     * their year: "PHP Developer Day 2015", "Devnology Community Day 2012". It counts as a name
     * word there only, when a name-like word comes before it.
     */
    private boolean dayWordOfAName(Tokens tokens, int i, int step, int editionAt) {
        return step < 0 && i == editionAt - 1 && i > 0 && DAY_WORDS.contains(tokens.get(i).lower())
                && !tokens.get(i).text().equals(tokens.get(i).lower()) && isNameGap(tokens.gap(i - 1, i))
                && nameLike(tokens.get(i - 1));
    }

    private boolean nameLike(Tokens.Token t) {
        String lower = t.lower();
        if (notNames.contains(lower) || Tokens.isCjk(t.text().charAt(0)) || t.isYear()) {
            return false;
        }
        return isEventWord(lower) || !t.text().equals(lower) || t.text().chars().anyMatch(Character::isDigit);
    }

    private boolean hasEventWord(Tokens tokens, int[] span) {
        for (int k = span[0]; k < span[1]; k++) {
            if (isEventWord(tokens.get(k).lower())) {
                return true;
            }
        }
        return false;
    }

    boolean isEventWord(String lower) {
        return eventWords.contains(lower) || (lower.length() > 4 && (lower.endsWith("conf") || lower.endsWith("con")
                || lower.endsWith("camp") || lower.endsWith("fest") || lower.endsWith("kaigi") || lower.endsWith("days")));
    }
}
