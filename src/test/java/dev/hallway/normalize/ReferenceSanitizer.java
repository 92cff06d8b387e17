package dev.hallway.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.Set;

/**
 * TEST ONLY: HtmlSanitizer as it was before the one-pass rewrite (commit 32e2624), kept verbatim as the reference that
 * SanitizerEquivalenceTest compares the production sanitizer with. Do not change its behaviour.
 * <p>
 * Allowlist sanitizer for feed HTML (jsoup): keeps structure, text formatting, links, images, tables and code;
 * drops scripts, styles, frames, objects, event handlers and javascript:/data: URLs; makes every link absolute.
 */
final class ReferenceSanitizer {

    static final Safelist SAFELIST = Safelist.relaxed()
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

    private ReferenceSanitizer() {
    }

    public record Clean(String html, String text) {
    }

    /** The clean HTML and its plain text (as PlainText.ofHtml would give), from one parse. */
    public static Clean sanitizeWithText(String html, String baseUri) {
        if (html == null || html.isBlank()) {
            return new Clean(null, "");
        }
        Document dirty = Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri);
        dropForeignSchemes(dirty);
        Document clean = CLEANER.clean(dirty);
        for (Element link : clean.select("a[href]")) {
            link.attr("rel", "noopener noreferrer nofollow");
        }
        clean.outputSettings().prettyPrint(false);
        String body = clean.body().html().trim();
        return body.isEmpty() ? new Clean(null, "") : new Clean(body, PlainText.collapse(clean.body().text()));
    }

    /** Schemes some linking attribute of the safelist allows; a URL with any other scheme is dropped wherever it is. */
    private static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "mailto");

    /**
     * Drops href/src/cite values with a scheme no linking attribute allows (javascript:, data:, vbscript:, …) before
     * the cleaner sees them. The cleaner would drop them too, but only after making them absolute, and
     * {@code new URL()} with an unknown scheme looks for a handler through ServiceLoader, scanning the classpath,
     * every time: most of the sanitizer's cost on feeds that carry such links. Read the way jsoup reads the scheme
     * (control characters removed, then {@code ^[a-zA-Z][a-zA-Z0-9+-.]*:}), so nothing it would keep is dropped.
     */
    private static void dropForeignSchemes(Document dirty) {
        for (Element el : dirty.getAllElements()) {
            if (el.attributesSize() == 0) {
                continue;
            }
            for (String key : LINK_ATTRIBUTES) {
                if (el.hasAttr(key)) {
                    String scheme = HtmlSanitizer.scheme(el.attr(key)); // a shortcut only: the Cleaner below decides
                    if (scheme != null && !ALLOWED_SCHEMES.contains(scheme)) {
                        el.removeAttr(key);
                    }
                }
            }
        }
    }

    private static final String[] LINK_ATTRIBUTES = {"href", "src", "cite"};

    /** @param baseUri what relative href/src values resolve against */
    public static String sanitize(String html, String baseUri) {
        return sanitizeWithText(html, baseUri).html();
    }
}
