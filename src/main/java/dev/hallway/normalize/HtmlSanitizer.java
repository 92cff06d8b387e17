package dev.hallway.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Allowlist sanitizer for feed HTML (jsoup): keeps structure, text formatting, links, images, tables and code;
 * drops scripts, styles, frames, objects, event handlers and javascript:/data: URLs; makes every link absolute.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("abbr", "acronym", "del", "ins", "figure", "figcaption", "hr", "mark", "s", "small", "time",
                    "picture", "kbd", "samp", "var", "details", "summary", "center")
            .addAttributes("abbr", "title")
            .addAttributes("acronym", "title")
            .addAttributes("time", "datetime")
            .addAttributes("td", "align")
            .addAttributes("th", "align")
            .addAttributes("img", "loading")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .removeProtocols("a", "href", "ftp");

    private static final Cleaner CLEANER = new Cleaner(SAFELIST);

    private HtmlSanitizer() {
    }

    public record Clean(String html, String text) {
    }

    /** The clean HTML and its plain text (as PlainText.ofHtml would give), from one parse. */
    public static Clean sanitizeWithText(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return new Clean(null, "");
        }
        Document dirty = Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri);
        Document clean = CLEANER.clean(dirty);
        for (Element link : clean.select("a[href]")) {
            link.attr("rel", "noopener noreferrer nofollow");
        }
        clean.outputSettings().prettyPrint(false);
        String body = clean.body().html().trim();
        return body.isEmpty() ? new Clean(null, "") : new Clean(body, PlainText.collapse(clean.body().text()));
    }

    /** @param baseUri what relative href/src values resolve against */
    public static String sanitize(String html, String baseUri) {
        return sanitizeWithText(html, baseUri).html();
    }
}
