package dev.hallway.mail;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciiHtmlTest {

    @Test
    void everyCharacterOutsideAsciiBecomesAReferenceThatReadsAsTheSameText() {
        String html = "<p title=\"Café — 37C3\">FOSDEM’26 · Zürich — 東京 😀</p>\n<p>two\r\nlines</p>";
        String ascii = AsciiHtml.of(html);
        assertTrue(ascii.chars().allMatch(c -> c < 0x80 && (c >= 0x20 || c == '\n' || c == '\t')), ascii);
        assertTrue(ascii.contains("&#128512;"), "a character beyond the BMP is one reference: " + ascii);
        assertEquals(Jsoup.parse(html).text(), Jsoup.parse(ascii).text());
        assertEquals(Jsoup.parse(html).select("p").attr("title"), Jsoup.parse(ascii).select("p").attr("title"));
    }

    @Test
    void longLinesAreFoldedAtASpaceAndReadTheSame() {
        String html = "<p>" + "conférence ".repeat(400) + "</p>";
        String ascii = AsciiHtml.of(html);
        for (String line : ascii.split("\n")) {
            assertTrue(line.length() <= AsciiHtml.MAX_LINE, line.length() + " characters");
        }
        assertEquals(Jsoup.parse(html).text(), Jsoup.parse(ascii).text());
    }

    @Test
    void lineBreaksAndTheirIndentationBecomeOneSpaceSoAMessageIsFewLines() {
        String html = "<table>\n  <tr><td>\n    <p>a\n    b</p>\n  </td></tr>\n</table>\n";
        assertEquals("<table> <tr><td> <p>a b</p> </td></tr> </table> ", AsciiHtml.of(html));
        assertEquals(Jsoup.parse(html).text(), Jsoup.parse(AsciiHtml.of(html)).text());
    }

    @Test
    void aSpanPutOnItsOwnLineBreaksAtTheSpacesAroundIt() {
        assertEquals("<a\nhref=\"SLOT\"\nstyle=\"x\">", AsciiHtml.ownLine("<a href=\"SLOT\" style=\"x\">", 9, 13));
    }

    @Test
    void aLongLineWithNoSpaceIsLeftToTheMailClient() {
        assertNull(AsciiHtml.of("<p>" + "東".repeat(200) + "</p>"));
    }

    @Test
    void anAttributeValueIsEscapedAsTheTemplatesEscapeIt() {
        assertEquals("https://h.example/u?a=1&amp;b=&quot;&lt;x&gt;&#39;&#233;",
                AsciiHtml.attribute("https://h.example/u?a=1&b=\"<x>'é"));
    }
}
