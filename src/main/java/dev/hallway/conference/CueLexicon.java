package dev.hallway.conference;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cue phrases of {@code conferences/cues.yaml}, by group ("looking-back", "call-for-papers", …) in thirteen languages,
 * and a matcher that finds them in lower-cased text. A phrase of a space-separated language matches at word
 * boundaries; a Japanese, Korean or Chinese phrase matches anywhere, since those languages write no spaces between words.
 * Phrases are kept in a trie, so a text is read once whatever the number of phrases.
 */
final class CueLexicon {

    static final String RESOURCE = "/conferences/cues.yaml";

    private record Phrase(String group, String text, boolean anywhere) {
    }

    /** A trie of the phrases: from each position of a text, walk as far as the text follows some phrase. */
    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        final List<Phrase> ending = new ArrayList<>(1);
    }

    private final Node root = new Node();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();

    private CueLexicon(Map<String, Map<String, List<String>>> lexicon) {
        lexicon.forEach((group, byLanguage) -> {
            List<String> all = new ArrayList<>();
            byLanguage.forEach((language, phrases) -> {
                boolean anywhere = language.equals("ja") || language.equals("ko") || language.equals("zh");
                for (String raw : phrases) {
                    String p = raw.toLowerCase(Locale.ROOT).strip();
                    if (p.isEmpty()) {
                        continue;
                    }
                    all.add(p);
                    Node node = root;
                    for (int i = 0; i < p.length(); i++) {
                        node = node.next.computeIfAbsent(p.charAt(i), k -> new Node());
                    }
                    node.ending.add(new Phrase(group, p, anywhere));
                }
            });
            groups.put(group, List.copyOf(all));
        });
    }

    static CueLexicon builtIn() {
        try (InputStream in = CueLexicon.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("cue lexicon " + RESOURCE + " is missing from the build");
            }
            return new CueLexicon(Catalogue.YAML.readValue(in, new TypeReference<Map<String, Map<String, List<String>>>>() {
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("cue lexicon " + RESOURCE + " is unreadable", e);
        }
    }

    /** The phrases of one group, all languages together. */
    List<String> phrases(String group) {
        return groups.getOrDefault(group, List.of());
    }

    /** Group → the first phrases found of it (at most {@code perGroup} each), in a lower-cased text. */
    Map<String, List<String>> find(String lower, int perGroup) {
        Map<String, List<String>> found = new HashMap<>();
        if (lower == null) {
            return found;
        }
        int n = lower.length();
        for (int i = 0; i < n; i++) {
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1));
            Node node = root;
            for (int j = i; j < n; j++) {
                node = node.next.get(lower.charAt(j));
                if (node == null) {
                    break;
                }
                for (Phrase p : node.ending) {
                    if (!p.anywhere() && (!wordStart || (j + 1 < n && Character.isLetterOrDigit(lower.charAt(j + 1))))) {
                        continue;
                    }
                    List<String> hits = found.computeIfAbsent(p.group(), k -> new ArrayList<>(2));
                    if (hits.size() < perGroup && !hits.contains(p.text())) {
                        hits.add(p.text());
                    }
                }
            }
        }
        return found;
    }
}
