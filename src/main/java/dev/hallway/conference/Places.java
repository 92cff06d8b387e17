package dev.hallway.conference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Place names a post may write beside a series to say which of its editions it means: "Agile Tour Toulouse",
 * "Linux Day 2017 - Mantova", "Melbourne Ceph Day". Known from the host cities of the open data set, the curated
 * series' cities, and the local spellings of cues.yaml's {@code place-names} (Warszawa, Köln, Milano, …). A place
 * counts only as written with a capital, and a few everyday words that are also towns never count.
 */
final class Places {

    /** A place found in a text, at these character offsets. */
    record Found(String name, int start, int end) {
    }

    /** Towns named like everyday words: a capitalised title word is more often the word than the town. */
    private static final Set<String> EVERYDAY = Set.of("nice", "reading", "mobile", "split", "bath", "orange", "marion",
            "normal", "hope", "paradise", "victoria", "florence", "independence", "college", "university", "union",
            "opportunity", "energy", "mission", "liberty", "beta", "alpha", "delta", "online", "virtual", "remote",
            "global", "europe", "america", "asia", "africa", "and", "day", "days", "tour", "summit");

    /** First word (lower case) → the place names starting with it, as words, longest first. */
    private final Map<String, List<String[]>> byFirstWord = new HashMap<>();

    Places(Collection<String> names) {
        for (String name : names) {
            Tokens tokens = Tokens.of(name);
            if (tokens.size() == 0 || tokens.size() > 4 || (tokens.size() == 1 && EVERYDAY.contains(tokens.get(0).lower()))
                    || tokens.get(0).lower().length() < 3 && tokens.size() == 1) {
                continue;
            }
            String[] words = new String[tokens.size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = tokens.get(i).lower();
            }
            List<String[]> known = byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>(1));
            if (known.stream().noneMatch(w -> java.util.Arrays.equals(w, words))) {
                known.add(words);
                known.sort((a, b) -> b.length - a.length);
            }
        }
    }

    /** The places a text names, in order, each written with a capital. */
    List<Found> in(String text) {
        List<Found> found = new ArrayList<>();
        Tokens tokens = Tokens.of(text);
        for (int i = 0; i < tokens.size(); i++) {
            Tokens.Token t = tokens.get(i);
            List<String[]> candidates = t.isCapitalized() ? byFirstWord.get(t.lower()) : null;
            if (candidates == null) {
                continue;
            }
            for (String[] words : candidates) {
                if (matches(tokens, i, words)) {
                    found.add(new Found(tokens.span(i, i + words.length), t.start(), tokens.get(i + words.length - 1).end()));
                    i += words.length - 1;
                    break;
                }
            }
        }
        return found;
    }

    /** Whether a word (or words) is a known place: "Amsterdam", "São Paulo". */
    boolean isPlace(String name) {
        List<Found> found = in(name);
        return found.size() == 1 && found.get(0).start() == 0 && found.get(0).end() == name.strip().length();
    }

    private static boolean matches(Tokens tokens, int at, String[] words) {
        if (at + words.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if (!tokens.get(at + k).lower().equals(words[k]) || (k > 0 && !tokens.gap(at + k - 1, at + k).equals(" "))) {
                return false;
            }
        }
        return true;
    }
}
