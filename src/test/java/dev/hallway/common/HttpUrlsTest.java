package dev.hallway.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Only absolute http(s) URLs pass; every disguise of a script URL is refused. Runs without ../shared. */
class HttpUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>",
            "java\tscript:alert(1)", "java\nscript:alert(1)", " java\tscript:alert(1)", "\u0001javascript:alert(1)",
            "\u0000javascript:alert(1)", "&#106;avascript:alert(1)", "javascript&#58;alert(1)", "jav&#x09;ascript:alert(1)",
            "file:///etc/passwd", "ftp://example.org/x", "mailto:a@example.org", "//evil.example/x", "/relative/path",
            "http:evil", "https:///no-host", "http://exa mple\t.org/", "", "   "})
    void everythingButAnAbsoluteHttpUrlIsRefused(String url) {
        assertNull(HttpUrls.httpOrNull(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org/", "https://example.org/a?b=c#d", "HTTPS://Example.ORG/x",
            "https://my_blog.example.org/post", "https://example.org/caf\u00e9", "http://127.0.0.1:8080/feed"})
    void absoluteHttpUrlsPass(String url) {
        assertEquals(url, HttpUrls.httpOrNull(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"  https://example.org/a  ", "\u0001https://example.org/a\n"})
    void surroundingWhitespaceAndControlsAreTrimmed(String url) {
        assertEquals("https://example.org/a", HttpUrls.httpOrNull(url));
    }

    @org.junit.jupiter.api.Test
    void innerSpacesAreEncoded() {
        assertEquals("https://example.org/a%20b", HttpUrls.httpOrNull("https://example.org/a b"));
    }
}
