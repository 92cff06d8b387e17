package dev.hallway.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds feed entries to the text of a feeds.yaml, under {@code feeds:}, leaving every other line as written (comments,
 * blank lines, key order, the {@code conferences:} part): the file is edited, never written out again from its parse.
 */
final class FeedsYamlText {

    /** One entry to add. */
    record NewFeed(String url, String name, List<String> tags) {
    }

    private static final Pattern FEEDS_KEY = Pattern.compile("^feeds:[ \\t]*(?<flow>\\[[ \\t]*])?[ \\t]*(?<rest>#.*)?$");
    private static final Pattern FEEDS_OTHER = Pattern.compile("^feeds:.*$");
    private static final Pattern ITEM = Pattern.compile("^([ \\t]*)-(?:[ \\t]|$)");
    private static final Pattern PLAIN = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} ._/()+'’-]*$");
    private static final Pattern NUMBER_LIKE = Pattern.compile("^[-+.\\d][\\d._:eE+-]*$");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~");

    private FeedsYamlText() {
    }

    /**
     * @param comment a comment line to put above the new entries (without {@code #}), or null
     * @throws IllegalArgumentException when {@code feeds:} is written in a way entries cannot be added to
     */
    static String append(String text, List<NewFeed> feeds, String comment) {
        if (feeds.isEmpty()) {
            return text;
        }
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        if (endsWithNewline) {
            lines.remove(lines.size() - 1); // the empty string after the last newline
        }
        int key = -1;
        for (int i = 0; i < lines.size() && key < 0; i++) {
            Matcher m = FEEDS_KEY.matcher(lines.get(i));
            if (m.matches()) {
                key = i;
                if (m.group("flow") != null) { // feeds: []  → feeds:
                    lines.set(i, "feeds:" + (m.group("rest") == null ? "" : " " + m.group("rest")));
                }
            } else if (FEEDS_OTHER.matcher(lines.get(i)).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": 'feeds:' is written as a flow list; write it as one"
                        + " '- url: …' entry per line to import into it");
            }
        }
        if (key < 0) {
            lines.add("feeds:");
            key = lines.size() - 1;
        }
        int last = key;
        String indent = null;
        for (int i = key + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("---") || line.startsWith("...")
                    || (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '#' && line.charAt(0) != '-')) {
                break; // the next top-level key: the feeds list ended
            }
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                last = i;
                Matcher item = ITEM.matcher(line);
                if (indent == null && item.find()) {
                    indent = item.group(1);
                }
            }
        }
        lines.addAll(last + 1, entries(feeds, indent == null ? "  " : indent, comment));
        return String.join(nl, lines) + nl;
    }

    private static List<String> entries(List<NewFeed> feeds, String indent, String comment) {
        List<String> out = new ArrayList<>();
        if (comment != null) {
            out.add(indent + "# " + comment.replaceAll("[\\r\\n]+", " "));
        }
        for (NewFeed feed : feeds) {
            out.add(indent + "- url: " + url(feed.url()));
            if (feed.name() != null) {
                out.add(indent + "  name: " + scalar(feed.name()));
            }
            if (!feed.tags().isEmpty()) {
                out.add(indent + "  tags: [" + String.join(", ", feed.tags().stream().map(FeedsYamlText::scalar).toList()) + "]");
            }
        }
        return out;
    }

    private static String url(String url) {
        return url.matches("https?://[^\\s\"'#]+") ? url : quoted(url);
    }

    /** Plain when YAML can only read it as that string, in a block or in a flow list; double-quoted otherwise. */
    static String scalar(String value) {
        boolean plain = PLAIN.matcher(value).matches() && !value.endsWith(" ")
                && !RESERVED.contains(value.toLowerCase(Locale.ROOT)) && !NUMBER_LIKE.matcher(value).matches();
        return plain ? value : quoted(value);
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
