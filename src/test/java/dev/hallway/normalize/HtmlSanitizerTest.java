package dev.hallway.normalize;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed HTML sanitizer on its own, without the corpora of ../shared. */
class HtmlSanitizerTest {

    private static final String BASE = "https://blog.example/2026/post/";

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,x",
            "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)", "java&#9;script:alert(1)", "java&#x0A;script:alert(1)",
            " java\tscript:alert(1)", "\u0001javascript:alert(1)", "javascript&colon;alert(1)", "jav&Tab;ascript:alert(1)"})
    void scriptUrlsLeaveNoHrefOrSrc(String payload) {
        String html = "<p><a href=\"" + payload + "\">a</a><img src=\"" + payload + "\"><q cite=\"" + payload + "\">q</q></p>";
        Document clean = Jsoup.parseBodyFragment(HtmlSanitizer.sanitize(html, BASE));
        for (Element el : clean.select("[href], [src], [cite]")) {
            for (String attr : new String[]{"href", "src", "cite"}) {
                String value = el.attr(attr).replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
                assertFalse(value.contains("script:") || value.startsWith("data:"), payload + " → " + el.outerHtml());
            }
        }
        assertEquals("a", clean.selectFirst("a").text());
    }

    @Test
    void scriptsStylesHandlersAndFramesAreDropped() {
        String clean = HtmlSanitizer.sanitize("<script>alert(1)</script><style>p{}</style><p onclick=\"x()\" style=\"color:red\">"
                + "text</p><iframe src=\"https://evil.example\"></iframe><object data=\"x\"></object><svg onload=\"x()\"></svg>"
                + "<form action=\"https://evil.example\"><input></form>", BASE);
        assertEquals("<p>text</p>", clean);
    }

    @Test
    void linksBecomeAbsoluteAndGetRelAttributes() {
        Document clean = Jsoup.parseBodyFragment(HtmlSanitizer.sanitize("<a href=\"../other/\">x</a><img src=\"/i.png\" alt=\"i\">", BASE));
        Element a = clean.selectFirst("a");
        assertEquals("https://blog.example/2026/other/", a.attr("href"));
        assertEquals("noopener noreferrer nofollow", a.attr("rel"));
        assertEquals("https://blog.example/i.png", clean.selectFirst("img").attr("src"));
    }

    @Test
    void mailtoLinksStayAndStructureIsKept() {
        String clean = HtmlSanitizer.sanitize("<h2>T</h2><ul><li><a href=\"mailto:a@example.org\">m</a></li></ul><pre><code>x</code></pre>", BASE);
        assertTrue(clean.contains("href=\"mailto:a@example.org\""), clean);
        assertTrue(clean.contains("<h2>T</h2>") && clean.contains("<pre><code>x</code></pre>"), clean);
    }

    @Test
    void theSchemeIsReadAsTheCleanerReadsIt() {
        assertEquals("javascript", HtmlSanitizer.scheme("Java\tScript:alert(1)"));
        assertEquals("javascript", HtmlSanitizer.scheme("\u0001javascript:x"));
        assertNull(HtmlSanitizer.scheme("/relative:path"));
        assertNull(HtmlSanitizer.scheme("no-scheme"));
        assertEquals("https", HtmlSanitizer.scheme("https://example.org/"));
    }

    @Test
    void emptyHtmlIsNull() {
        assertNull(HtmlSanitizer.sanitize("  ", BASE));
        assertNull(HtmlSanitizer.sanitize("<script>x</script>", BASE));
    }
}
