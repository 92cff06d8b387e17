package dev.hallway.common;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Item 12 of issue 12: the canonical URL drops only what means nothing to the site. */
class CanonicalUrlTest {

    @Test
    void hashBangFragmentsIdentifyDistinctPosts() {
        assertNotEquals(CanonicalUrl.of("https://blog.example/#!/post/1"), CanonicalUrl.of("https://blog.example/#!/post/2"));
        assertEquals("blog.example#!/post/1", CanonicalUrl.of("https://www.blog.example/#!/post/1"));
        assertEquals("blog.example/app?x=1#!/post/7", CanonicalUrl.of("http://blog.example/app/?utm_source=rss&x=1#!/post/7"));
    }

    @Test
    void otherFragmentsAreDropped() {
        assertEquals("blog.example/post", CanonicalUrl.of("https://blog.example/post#comments"));
        assertEquals(CanonicalUrl.of("https://blog.example/post"), CanonicalUrl.of("https://blog.example/post#top"));
    }

    @Test
    void sourceRefAndRssAreKeptBecauseSomeSitesPickThePageWithThem() {
        assertEquals("forum.example/view?source=42", CanonicalUrl.of("https://forum.example/view?source=42"));
        assertNotEquals(CanonicalUrl.of("https://git.example/diff?ref=main"), CanonicalUrl.of("https://git.example/diff?ref=v2"));
        assertEquals("blog.example/index.php?rss=2", CanonicalUrl.of("https://blog.example/index.php?rss=2"));
    }

    @Test
    void knownTrackingParametersAreDropped() {
        assertEquals("blog.example/a?b=2", CanonicalUrl.of("https://blog.example/a?utm_source=x&utm_medium=feed&utm_campaign=c&"
                + "fbclid=1&gclid=2&mc_cid=3&mc_eid=4&_hsenc=5&_hsmi=6&yclid=7&msclkid=8&igshid=9&b=2"));
    }

    @Test
    void theRestOfTheKeyIsAsBefore() {
        assertEquals("example.org/a?a=1&b=2", CanonicalUrl.of("https://www.Example.org:443/a/?utm_source=x&b=2&a=1#top"));
        assertEquals("example.org:8080/a", CanonicalUrl.of("http://example.org:8080/a"));
        assertNull(CanonicalUrl.of("javascript:alert(1)"));
        assertNull(CanonicalUrl.of("/relative"));
    }
}
