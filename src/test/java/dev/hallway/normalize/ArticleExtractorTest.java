package dev.hallway.normalize;

import dev.hallway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readability4J on our jsoup, then our sanitizer: the post's main text, no page furniture, nothing unsafe. */
class ArticleExtractorTest {

    private static final String PAGE = "https://ada.example/2026/02/two-days-in-brussels/";

    @Test
    void keepsTheArticleAndDropsNavigationSidebarCommentsAndFooter() throws Exception {
        ArticleExtractor.Extracted a = ArticleExtractor.extract(Fixtures.bytes("fulltext/report.html"),
                "text/html; charset=utf-8", PAGE, "Some notes from a busy weekend […]");

        assertTrue(a.text().startsWith("Some notes from a busy weekend. I attended FOSDEM 2026 in Brussels"), a.text());
        assertTrue(a.text().contains("ARTICLE-END-MARKER"), a.text());
        assertTrue(a.text().contains("The PostgreSQL devroom was packed"), a.text());
        for (String boilerplate : new String[]{"NAVIGATION-BOILERPLATE", "SIDEBAR-BOILERPLATE", "COMMENT-BOILERPLATE",
                "FOOTER-BOILERPLATE", "Archive", "Post comment"}) {
            assertFalse(a.text().contains(boilerplate), boilerplate + " in " + a.text());
            assertFalse(a.html().contains(boilerplate), boilerplate + " in " + a.html());
        }
    }

    @Test
    void scriptsAndScriptLinksAreSanitizedAwayAndLinksMadeAbsolute() throws Exception {
        ArticleExtractor.Extracted a = ArticleExtractor.extract(Fixtures.bytes("fulltext/report.html"), "text/html", PAGE, "");

        String html = a.html().toLowerCase();
        assertFalse(html.contains("<script"), a.html());
        assertFalse(html.contains("document.write"), a.html());
        assertFalse(html.contains("injected-by-script"), a.html());
        assertFalse(html.contains("javascript:"), a.html());
        assertTrue(a.html().contains("href=\"https://ada.example/slides/feeds.pdf\""), a.html());
        assertTrue(a.html().contains("rel=\"noopener noreferrer nofollow\""), a.html());
    }

    @Test
    void anotherLayoutWorksToo() throws Exception {
        ArticleExtractor.Extracted a = ArticleExtractor.extract(Fixtures.bytes("fulltext/notes.html"), null,
                "https://ada.example/notes-on-build-caches/", "Build caches are one of those things…");

        assertTrue(a.text().startsWith("Build caches are one of those things that work perfectly"), a.text());
        assertTrue(a.text().contains("NOTES-ARTICLE-END"), a.text());
        assertFalse(a.text().contains("BOILERPLATE"), a.text());
    }

    @Test
    void aPageWithoutAnArticleIsRefusedWithItsReason() {
        ArticleExtractor.NoArticleException e = assertThrows(ArticleExtractor.NoArticleException.class, () ->
                ArticleExtractor.extract(Fixtures.bytes("fulltext/cookie-wall.html"), "text/html", PAGE, "An excerpt…"));
        assertTrue(e.getMessage().startsWith("no article on the page"), e.getMessage());
    }

    @Test
    void aPageNoLongerThanTheExcerptIsNoImprovement() {
        String longExcerpt = "x ".repeat(2000);
        ArticleExtractor.NoArticleException e = assertThrows(ArticleExtractor.NoArticleException.class, () ->
                ArticleExtractor.extract(Fixtures.bytes("fulltext/notes.html"), "text/html", PAGE, longExcerpt));
        assertTrue(e.getMessage().contains("no longer than the feed's excerpt"), e.getMessage());
    }

    @Test
    void theContentTypeCharsetIsRead() throws Exception {
        String page = "<html><head><title>t</title></head><body><article><p>"
                + "Ça marche très bien, même en Latin-1, avec des accents partout dans ce paragraphe assez long. ".repeat(5)
                + "</p></article></body></html>";
        ArticleExtractor.Extracted a = ArticleExtractor.extract(page.getBytes(StandardCharsets.ISO_8859_1),
                "text/html; charset=ISO-8859-1", PAGE, "");
        assertTrue(a.text().startsWith("Ça marche très bien"), a.text());
        assertEquals("ISO-8859-1", ArticleExtractor.charset("text/html; charset=\"ISO-8859-1\""));
        assertEquals(null, ArticleExtractor.charset("text/html; charset=no-such-charset"));
    }
}
