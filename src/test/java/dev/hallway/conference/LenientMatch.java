package dev.hallway.conference;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a decision names a labelled edition, the way {@code ../shared/tools/eval_conferences.py} decides it: the
 * edition's words appear as a run, and the other words of the decision are a subset or superset of the labelled
 * series' words, ignoring generic words and region synonyms ("SREcon EMEA 2017" matches srecon-europe-2017).
 */
final class LenientMatch {

    private static final Set<String> GENERIC = Set.of("conference", "conf", "the", "de", "cloudnativecon", "and", "days", "day");
    private static final Map<String, List<String>> SYNONYMS = Map.of("eu", List.of("europe"), "emea", List.of("europe"),
            "na", List.of("north", "america"), "fr", List.of("france"), "be", List.of("belgium"),
            "uk", List.of("united", "kingdom"), "pdx", List.of("portland"));

    private LenientMatch() {
    }

    static boolean matches(Classification c, String series, String edition) {
        if (c == null) {
            return false;
        }
        List<String> candidates = new ArrayList<>(List.of(c.slug(), c.name()));
        if (c.seriesName() != null && c.edition() != null) {
            candidates.add(c.seriesName() + " " + c.edition());
        }
        return candidates.stream().anyMatch(cand -> matches(cand, series, edition));
    }

    static boolean matches(String candidate, String series, String edition) {
        List<String> ed = tokens(edition);
        Set<String> expected = new HashSet<>(tokens(series));
        expected.removeAll(GENERIC);
        List<String> tc = tokens(candidate);
        int run = -1;
        for (int i = 0; i + ed.size() <= tc.size(); i++) {
            if (tc.subList(i, i + ed.size()).equals(ed)) {
                run = i;
            }
        }
        if (run < 0) {
            return false;
        }
        Set<String> rest = new HashSet<>(tc.subList(0, run));
        rest.addAll(tc.subList(run + ed.size(), tc.size()));
        rest.removeAll(GENERIC);
        return !rest.isEmpty() && (expected.containsAll(rest) || rest.containsAll(expected));
    }

    private static List<String> tokens(String s) {
        String slug = s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        List<String> out = new ArrayList<>();
        for (String w : slug.split("-")) {
            w = w.replaceAll("^(\\d+)c3$", "$1");
            out.addAll(SYNONYMS.getOrDefault(w, List.of(w)));
        }
        out.removeIf(String::isEmpty);
        return out;
    }
}
