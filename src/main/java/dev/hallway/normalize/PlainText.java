package dev.hallway.normalize;

import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/** Plain text from feed titles and bodies: entities decoded, tags gone, whitespace collapsed. */
public final class PlainText {

    private PlainText() {
    }

    /** Text of an HTML fragment, block boundaries kept as spaces. */
    public static String ofHtml(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        return collapse(Jsoup.parseBodyFragment(html).body().text());
    }

    /**
     * A title: feeds put entities and markup in titles ("Q&amp;A", "Example &lt;b&gt;Atom&lt;/b&gt;"); markup is dropped.
     * A lone bare {@code <word>} is the text a post is about ("the &lt;details&gt; element") and is kept.
     */
    public static String title(String raw) {
        if (raw == null) {
            return "";
        }
        if (TAG.matcher(raw).find() && !literalAngleBrackets(raw)) {
            return collapse(Jsoup.parseBodyFragment(raw).body().text()); // real markup: its entities are text
        }
        String decoded = Parser.unescapeEntities(raw, false);
        if (decoded.indexOf('<') < 0 || literalAngleBrackets(decoded)) {
            return collapse(decoded);
        }
        return collapse(Jsoup.parseBodyFragment(decoded).body().text()); // markup escaped once more, as RSS does
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<(/?)([a-zA-Z][\\w-]*)([^>]*)>");
    private static final java.util.Set<String> VOID = java.util.Set.of("br", "img", "hr", "embed", "meta", "link",
            "input", "source", "wbr", "area", "base", "col", "param", "track", "frame");

    private static boolean literalAngleBrackets(String text) {
        java.util.regex.Matcher m = TAG.matcher(text);
        boolean any = false;
        while (m.find()) {
            String name = m.group(2).toLowerCase(java.util.Locale.ROOT);
            if (!m.group(1).isEmpty() || !m.group(3).isBlank() || VOID.contains(name)
                    || text.toLowerCase(java.util.Locale.ROOT).contains("</" + name)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** At most {@code max} characters, cut at a word boundary with an ellipsis. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        String head = text.substring(0, cut).replaceAll("[\\s,;:.\\-–—]+$", "");
        return head + "…";
    }

    static String collapse(String text) {
        if (alreadyCollapsed(text)) {
            return text; // jsoup's text() has collapsed it already, unless it kept a no-break space or a control
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0' || Character.isISOControl(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean alreadyCollapsed(String text) {
        int n = text.length();
        if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' ? previous == ' ' : c <= ' ' || (c >= 0x7F && (c <= 0xA0 || Character.isWhitespace(c) || Character.isISOControl(c)))) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
