package dev.hallway.fetch;

import dev.hallway.fetch.AdvertisedFeed.Kind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which advertised feed is the main one, and how a page is told from a feed, without a network. */
class DiscoveryRankingTest {

    private static List<AdvertisedFeed> advertised(String head, String pageUrl) {
        String html = "<!doctype html><html><head>" + head + "</head><body></body></html>";
        return AdvertisedFeeds.of(html.getBytes(StandardCharsets.UTF_8), "text/html", pageUrl);
    }

    @Test
    void theMainFeedComesBeforeCommentsAndCategoryFeedsAndAtomBeforeRss() {
        List<AdvertisedFeed> feeds = advertised("""
                <link rel="alternate" type="application/atom+xml" title="Kommentare" href="/kommentare.atom">
                <link rel="alternate" type="application/rss+xml" href="/tag/go/feed/">
                <link rel="alternate" type="application/rss+xml; charset=utf-8" href="/feed.rss">
                <link rel="ALTERNATE" type="application/atom+xml" href="feed.atom">
                <link rel="alternate" type="application/feed+json" href="/feed.json">
                <link rel="alternate" type="application/atom+xml" href="https://www.blog.example/feed.atom#dup">
                """, "https://blog.example/");
        assertEquals(List.of("https://blog.example/feed.atom", "https://blog.example/feed.rss", "https://blog.example/feed.json",
                "https://blog.example/kommentare.atom", "https://blog.example/tag/go/feed/"), feeds.stream().map(AdvertisedFeed::url).toList());
        assertEquals(List.of(Kind.ATOM, Kind.RSS, Kind.JSON, Kind.ATOM, Kind.RSS), feeds.stream().map(AdvertisedFeed::kind).toList());
        assertNull(feeds.get(0).secondary());
        assertEquals("comments", feeds.get(3).secondary());
        assertEquals("category, tag or author", feeds.get(4).secondary());
    }

    @Test
    void linksThatAreNotFeedsOrNotHttpAreIgnoredAndBaseHrefIsHonoured() {
        List<AdvertisedFeed> feeds = advertised("""
                <base href="https://cdn.blog.example/b/">
                <link rel="stylesheet" type="text/css" href="/style.css">
                <link rel="alternate" hreflang="fr" href="/fr/">
                <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
                <link rel="alternate" type="application/rss+xml" href="rss.xml">
                """, "https://blog.example/");
        assertEquals(List.of("https://cdn.blog.example/b/rss.xml"), feeds.stream().map(AdvertisedFeed::url).toList());
    }

    @Test
    void aBodyIsToldAPageOrAFeedByItsFirstElement() {
        assertEquals(BodyKind.HTML, kind("text/html", "\n<!DOCTYPE html><html><head>"));
        assertEquals(BodyKind.HTML, kind("application/xml", "<?xml version=\"1.0\"?><!-- x --><html xmlns=\"http://www.w3.org/1999/xhtml\">"));
        assertEquals(BodyKind.FEED, kind("text/html", "\uFEFF<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"));
        assertEquals(BodyKind.FEED, kind(null, "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"x.dtd\"><rdf:RDF xmlns:rdf=\"r\">"));
        assertEquals(BodyKind.FEED, kind("text/plain", "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assertEquals(BodyKind.JSON, kind("application/feed+json", " {\"version\": \"https://jsonfeed.org/version/1.1\"}"));
        assertEquals(BodyKind.HTML, kind("text/html; charset=utf-8", "<head><title>no html element</title>"));
        assertEquals(BodyKind.OTHER, kind("application/xml", "<opml version=\"2.0\">"));
    }

    @Test
    void theUsualPathsAreTriedBesideThePageThenAtTheRoot() {
        assertEquals(List.of("https://x.example/blog/feed/", "https://x.example/blog/index.xml", "https://x.example/blog/atom.xml",
                        "https://x.example/blog/feed.xml", "https://x.example/blog/rss.xml", "https://x.example/feed/",
                        "https://x.example/index.xml", "https://x.example/atom.xml", "https://x.example/feed.xml", "https://x.example/rss.xml"),
                FeedDiscovery.usualPaths("https://x.example/blog"));
        assertEquals(5, FeedDiscovery.usualPaths("https://x.example/index.html").size());
        assertEquals("https://x.example/feed/", FeedDiscovery.usualPaths("https://x.example").get(0));
    }

    private static BodyKind kind(String contentType, String body) {
        return BodyKind.of(contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
