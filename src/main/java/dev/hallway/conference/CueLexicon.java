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

    /**
     * A trie of the phrases: from a position of a text, walk as far as the text follows some phrase. Once built,
     * children are kept in arrays (no boxed characters, no hashing): the classifier reads every post's opening
     * through it, and with a map of boxed characters it was 40 % of the classifier's time.
     */
    private static final class Node {
        private Map<Character, Node> building = new HashMap<>(4);
        private char[] keys;
        private Node[] children;
        final List<Phrase> ending = new ArrayList<>(1);

        Node child(char c) {
            return building.computeIfAbsent(c, k -> new Node());
        }

        void freeze() {
            keys = new char[building.size()];
            children = new Node[building.size()];
            int i = 0;
            for (Character c : building.keySet()) {
                keys[i] = c;
                children[i++] = building.get(c);
            }
            building = null;
            for (Node child : children) {
                child.freeze();
            }
        }

        Node next(char c) {
            if (dense != null) {
                return dense[c];
            }
            for (int i = 0; i < keys.length; i++) { // a node below the root has a few children: a scan is fastest
                if (keys[i] == c) {
                    return children[i];
                }
            }
            return null;
        }

        /** The roots are asked at every position of a text: a table by character answers at once (256 KB each). */
        private Node[] dense;

        void freezeAsRoot() {
            freeze();
            dense = new Node[Character.MAX_VALUE + 1];
            for (int i = 0; i < keys.length; i++) {
                dense[keys[i]] = children[i];
            }
        }
    }

    /** Every phrase, tried where a word starts. */
    private final Node root = new Node();
    /** Only the phrases that match inside words (Japanese, Korean, Chinese), tried everywhere else. */
    private final Node anywhereRoot = new Node();
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
                    Phrase phrase = new Phrase(group, p, anywhere);
                    add(root, phrase);
                    if (anywhere) {
                        add(anywhereRoot, phrase);
                    }
                }
            });
            groups.put(group, List.copyOf(all));
        });
        root.freezeAsRoot();
        anywhereRoot.freezeAsRoot();
    }

    private static void add(Node root, Phrase phrase) {
        Node node = root;
        for (int i = 0; i < phrase.text().length(); i++) {
            node = node.child(phrase.text().charAt(i));
        }
        node.ending.add(phrase);
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
            // inside a word only a phrase that matches anywhere can start: the other trie is not walked there
            Node node = wordStart ? root : anywhereRoot;
            for (int j = i; j < n; j++) {
                node = node.next(lower.charAt(j));
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
