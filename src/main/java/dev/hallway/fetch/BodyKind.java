package dev.hallway.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a fetched body is, judged from its first element (and the Content-Type when that says nothing): enough to tell
 * a blog's home page from its feed without parsing either. Reads at most the first 4 KB.
 */
public enum BodyKind {
    /** An RSS, RDF or Atom document. */
    FEED,
    /** An HTML page. */
    HTML,
    /** JSON (a JSON Feed, which Hallway does not read). */
    JSON,
    /** Neither: left to the feed parser to judge. */
    OTHER;

    private static final int SNIFF = 4096;

    public static BodyKind of(String contentType, byte[] body) {
        String head = new String(body, 0, Math.min(body.length, SNIFF), StandardCharsets.ISO_8859_1);
        int i = skipSpace(head, head.startsWith("\u00ef\u00bb\u00bf") ? 3 : 0); // a UTF-8 BOM read as Latin-1
        while (i < head.length() && head.charAt(i) == '<') {
            if (head.startsWith("<?", i)) {
                i = after(head, i, "?>");
            } else if (head.startsWith("<!--", i)) {
                i = after(head, i, "-->");
            } else if (head.regionMatches(true, i, "<!doctype", 0, 9)) {
                if (head.regionMatches(true, skipSpace(head, i + 9), "html", 0, 4)) {
                    return HTML;
                }
                i = after(head, i, ">");
            } else {
                String tag = tagName(head, i + 1);
                int colon = tag.indexOf(':');
                String local = colon >= 0 ? tag.substring(colon + 1) : tag;
                if (local.equals("rss") || local.equals("feed") || local.equals("rdf")) {
                    return FEED;
                }
                if (local.equals("html")) {
                    return HTML;
                }
                break;
            }
            i = skipSpace(head, i);
        }
        if (i < head.length() && (head.charAt(i) == '{' || head.charAt(i) == '[')) {
            return JSON;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.contains("html") ? HTML : OTHER;
    }

    private static String tagName(String text, int from) {
        int end = from;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == ':'
                || text.charAt(end) == '-' || text.charAt(end) == '_')) {
            end++;
        }
        return text.substring(from, end).toLowerCase(Locale.ROOT);
    }

    private static int after(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
