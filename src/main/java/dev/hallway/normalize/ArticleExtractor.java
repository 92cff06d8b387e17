package dev.hallway.normalize;

import net.dankito.readability4j.Article;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * The main text of a post's web page, without its navigation, sidebars, comments and footer: Readability4J (a port of
 * Mozilla's Readability, the Firefox Reader View) picks the article, then it goes through {@link HtmlSanitizer} like
 * every feed body. Readability never runs the page's scripts; the sanitizer drops them and everything else unsafe.
 */
public final class ArticleExtractor {

    /** Less text than this is not an article (a login wall, a cookie page, an error page answered with 200). */
    static final int MIN_TEXT = 200;

    private ArticleExtractor() {
    }

    /** @param text the article's plain text, what the classifier reads */
    public record Extracted(String html, String text) {
    }

    /** Why a page gave no article. */
    public static final class NoArticleException extends Exception {
        NoArticleException(String message) {
            super(message);
        }
    }

    /**
     * @param body        the page as fetched (decoded from Content-Encoding)
     * @param contentType its Content-Type, whose charset wins over the page's own {@code <meta charset>}
     * @param pageUrl     the page's URL after redirects: relative links and images resolve against it
     * @param excerpt     the feed's text for the post: an article shorter than it is no improvement
     */
    public static Extracted extract(byte[] body, String contentType, String pageUrl, String excerpt) throws NoArticleException {
        Document page = parse(body, contentType, pageUrl);
        Article article = new Readability4JExtended(pageUrl, page).parse();
        if (article.getArticleContent() == null) {
            throw new NoArticleException("no article found on the page");
        }
        HtmlSanitizer.Clean clean = HtmlSanitizer.sanitizeWithText(article.getArticleContent().html(), pageUrl);
        int excerptLength = excerpt == null ? 0 : excerpt.strip().length();
        int length = clean.html() == null ? 0 : clean.text().length();
        if (length < MIN_TEXT) {
            throw new NoArticleException("no article on the page (its main text is " + length + " characters)");
        }
        if (length <= excerptLength) {
            throw new NoArticleException("the page's main text (" + length + " characters) is no longer than the feed's "
                    + "excerpt (" + excerptLength + ")");
        }
        return new Extracted(clean.html(), clean.text());
    }

    private static Document parse(byte[] body, String contentType, String pageUrl) {
        try {
            // null charset: jsoup reads the BOM, then <meta charset>, else UTF-8
            return Jsoup.parse(new ByteArrayInputStream(body), charset(contentType), pageUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory bytes: not expected
        }
    }

    /** The charset a Content-Type names, if Java knows it. */
    static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring(8).replace("\"", "").replace("'", "").strip();
                try {
                    return Charset.isSupported(name) ? name : null;
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
