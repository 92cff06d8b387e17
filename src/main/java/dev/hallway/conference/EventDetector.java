package dev.hallway.conference;

import java.util.Set;

/**
 * Names an event missing from the catalogue when a title makes it plain: a run of capitalised words with an event
 * word, next to a year — "2024 Open Source Founders Summit", "Feedback on DotScale conference 2015",
 * "Retour sur le Breizhcamp 2023".
 */
final class EventDetector {

    /** Event words that end (or stand next to) an event's name. */
    private static final Set<String> EVENT_WORDS = Set.of("conference", "conf", "summit", "con", "days", "day", "camp",
            "expo", "symposium", "forum", "fest", "festival", "meetup", "hackathon", "congress", "convention", "week",
            "workshop", "devroom", "conférence", "rencontres", "journées", "konferenz", "tage", "kongress");
    private static final Set<String> NOT_NAMES = Set.of("the", "my", "our", "a", "an", "on", "at", "from", "to", "of",
            "in", "and", "feedback", "recap", "report", "notes", "retour", "sur", "le", "la", "les", "du", "de", "des",
            "rückblick", "auf", "die", "der", "das", "day", "jour", "tag", "review", "highlights", "takeaways");

    record Detected(String name, int year, String text) {
    }

    private EventDetector() {
    }

    static Detected in(String title) {
        Tokens tokens = Tokens.of(title);
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isYear()) {
                continue;
            }
            int year = Integer.parseInt(tokens.get(i).text());
            Detected after = run(tokens, i + 1, 1, year, i);
            if (after != null) {
                return after;
            }
            Detected before = run(tokens, i - 1, -1, year, i);
            if (before != null) {
                return before;
            }
        }
        return null;
    }

    /** Walks capitalised words away from the year; a name needs an event word in it or right next to it. */
    private static Detected run(Tokens tokens, int from, int step, int year, int yearAt) {
        int i = from;
        boolean eventWord = false;
        int first = -1, last = -1;
        while (i >= 0 && i < tokens.size()) {
            Tokens.Token t = tokens.get(i);
            String lower = t.lower();
            boolean event = EVENT_WORDS.contains(lower) || (lower.length() > 4 && (lower.endsWith("conf") || lower.endsWith("con") || lower.endsWith("camp")));
            if (NOT_NAMES.contains(lower) || t.isNumber() || (!t.isCapitalized() && !event)) {
                break;
            }
            String gap = step > 0 ? tokens.gap(i - 1, i) : tokens.gap(i, i + 1);
            if (!gap.isBlank() && !gap.equals("-")) {
                break;
            }
            eventWord |= event;
            if (first < 0) {
                first = i;
            }
            last = i;
            i += step;
        }
        if (first < 0 || !eventWord) {
            return null;
        }
        int lo = Math.min(first, last), hi = Math.max(first, last) + 1;
        String name = tokens.span(lo, hi);
        // "DotScale conference": the generic word is not part of the name
        String lastWord = tokens.get(hi - 1).lower();
        if (hi - lo > 1 && (lastWord.equals("conference") || lastWord.equals("conf") || lastWord.equals("conférence"))) {
            name = tokens.span(lo, hi - 1);
        }
        int textLo = Math.min(lo, yearAt), textHi = Math.max(hi, yearAt + 1);
        return new Detected(name, year, tokens.span(textLo, textHi));
    }
}
