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

    /** A title: feeds put entities and sometimes markup in titles ("Q&amp;A", "&lt;b&gt;"), never meaning them as HTML. */
    public static String title(String raw) {
        if (raw == null) {
            return "";
        }
        String decoded = Parser.unescapeEntities(raw, false);
        String text = decoded.indexOf('<') >= 0 ? Jsoup.parseBodyFragment(decoded).body().text() : decoded;
        return collapse(text);
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
}
