package dev.hallway.fetch;

import dev.hallway.entry.Sighting;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feed autodiscovery end to end: feeds.yaml lists blogs' home pages, served by a real HTTP server on loopback. */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class DiscoveryTest {

    private static final String HTML = "text/html; charset=utf-8";

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    @Test
    void aHomePageAdvertisingAtomAndRssIsPolledThroughItsAtomFeedAndSourcesShowsBothUrls() {
        server.route("/both/", page("Both", """
                <link rel="alternate" type="application/rss+xml" title="Both (RSS)" href="/both/feed.rss">
                <link rel="alternate" type="application/atom+xml" title="Both (Atom)" href="feed.atom">"""));
        server.route("/both/feed.rss", Reply.ok(rss("Both RSS", "/both/rss-post").bytes(), Fixtures.RSS));
        server.route("/both/feed.atom", Reply.ok(atom("Both Atom", "both/atom-post"), Fixtures.ATOM));
        String home = server.url("/both/"), atomUrl = server.url("/both/feed.atom");
        feeds.follow(home);

        Map<String, Object> outcome = feeds.poll(home);

        assertEquals("ok", outcome.get("result"), outcome.toString());
        assertEquals(1, entries(home));
        Source source = feeds.source(home);
        assertEquals(atomUrl, source.url);
        assertEquals(home, source.pageUrl);
        assertEquals("Both Atom", source.title);
        assertEquals(0, server.requests("/both/feed.rss").size(), "the RSS copy of the same feed is never fetched");
        given().when().get("/sources").then().statusCode(200)
                .body("find { it.configUrl == '" + home + "' }.pageUrl", is(home))
                .body("find { it.configUrl == '" + home + "' }.url", is(atomUrl))
                .body("find { it.configUrl == '" + home + "' }.discovery", containsString("chose " + atomUrl))
                .body("find { it.configUrl == '" + home + "' }.discovery", containsString("Atom preferred"));

        feeds.poll(home);
        assertEquals(1, server.requests("/both/").size(), "later polls go straight to the feed");
        assertEquals(2, server.requests("/both/feed.atom").size());
    }

    @Test
    void aPageAdvertisingCommentsAndCategoryFeedsPicksTheMainFeedAndSaysWhich() {
        // WordPress's shape: the comments feed (here even in Atom) and a category feed beside the main RSS feed
        server.route("/wp/", page("Ada's blog", """
                <link rel="alternate" type="application/atom+xml" title="Ada's blog &raquo; Comments Feed" href="https://127.0.0.1:%1$d/wp/comments/feed/atom/">
                <link rel="alternate" type="application/rss+xml" title="Ada's blog &raquo; Databases Category Feed" href="/wp/category/databases/feed/">
                <link rel="alternate" type="application/rss+xml" title="Ada's blog &raquo; Feed" href="/wp/feed/">
                <link rel="alternate" type="application/json+oembed" href="/wp/oembed">""".formatted(server.port())));
        server.route("/wp/feed/", Reply.ok(rss("Ada's blog", "/wp/main-post").bytes(), Fixtures.RSS));
        server.route("/wp/category/databases/feed/", Reply.ok(rss("Databases", "/wp/db-post").bytes(), Fixtures.RSS));
        String home = server.url("/wp/"), main = server.url("/wp/feed/");
        feeds.follow(home);

        assertEquals("ok", feeds.poll(home).get("result"));

        Source source = feeds.source(home);
        assertEquals(main, source.url);
        assertTrue(source.discovery.startsWith("chose " + main + " (RSS, \"Ada's blog » Feed\") of the 3 feeds"), source.discovery);
        assertTrue(source.discovery.contains("comments/feed/atom/ (Atom, \"Ada's blog » Comments Feed\"): comments feed"), source.discovery);
        assertTrue(source.discovery.contains("category/databases/feed/ (RSS, \"Ada's blog » Databases Category Feed\"): "
                + "category, tag or author feed"), source.discovery);
        assertEquals(0, server.requests("/wp/category/databases/feed/").size());
        given().when().get("/sources").then()
                .body("find { it.configUrl == '" + home + "' }.discovery", containsString("comments feed"));
    }

    @Test
    void aPageAdvertisingNothingIsFollowedThroughItsIndexXml() {
        server.route("/hugo/", page("Hugo site", "<link rel=\"stylesheet\" href=\"/hugo/style.css\">"));
        server.route("/hugo/feed/", Reply.ok(page("Not found, but a 200 anyway", "").body(), HTML)); // a soft 404
        server.route("/hugo/index.xml", Reply.ok(rss("Hugo site", "/hugo/post").bytes(), "application/xml"));
        String home = server.url("/hugo/");
        feeds.follow(home);

        assertEquals("ok", feeds.poll(home).get("result"));

        Source source = feeds.source(home);
        assertEquals(server.url("/hugo/index.xml"), source.url);
        assertTrue(source.discovery.contains("at a usual path") && source.discovery.contains("advertises no feed"),
                source.discovery);
        assertEquals(1, entries(home));
    }

    @Test
    void aPageWithoutAnyFeedIsAClearPollErrorAndOtherFeedsAreUnaffected() {
        server.route("/nofeed/", page("Just a page", "<link rel=\"alternate\" hreflang=\"fr\" href=\"/nofeed/fr/\">"));
        server.route("/nofeed-other/feed.rss", Reply.ok(rss("Other", "/nofeed-other/post").bytes(), Fixtures.RSS));
        String home = server.url("/nofeed/"), other = server.url("/nofeed-other/feed.rss");
        feeds.follow(home, other);

        List<Map<String, Object>> outcomes = feeds.pollAll();

        Map<String, Object> failed = outcomes.stream().filter(o -> "failed".equals(o.get("result"))).findFirst().orElseThrow();
        assertTrue(String.valueOf(failed.get("error")).startsWith("no feed found on this page: " + home), failed.toString());
        Source source = feeds.source(home);
        assertEquals(SourceStatus.FAILING, source.status);
        assertEquals(home, source.url, "nothing found, nothing changed");
        assertNull(source.pageUrl);
        assertEquals(SourceStatus.OK, feeds.source(other).status);
        assertEquals(1, entries(other));
        given().when().get("/sources").then()
                .body("find { it.configUrl == '" + home + "' }.status", is("failing"))
                .body("find { it.configUrl == '" + home + "' }.lastError", containsString("no feed found on this page"))
                .body("find { it.configUrl == '" + home + "' }.lastError", containsString("index.xml"));
    }

    @Test
    void aDiscoveredFeedThatIsGoneIsLookedForAgainOnItsPage() {
        server.route("/moving/", page("Moving", "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/moving/old.atom\">"));
        server.route("/moving/old.atom", Reply.ok(atom("Moving", "moving/first"), Fixtures.ATOM));
        String home = server.url("/moving/"), newFeed = server.url("/moving/new.rss");
        feeds.follow(home);
        assertEquals("ok", feeds.poll(home).get("result"));
        assertEquals(server.url("/moving/old.atom"), feeds.source(home).url);

        server.route("/moving/old.atom", Reply.of(410));
        server.route("/moving/", page("Moving", "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/moving/new.rss\">"));
        server.route("/moving/new.rss", Reply.ok(rss("Moving", "/moving/second").bytes(), Fixtures.RSS));

        Map<String, Object> outcome = feeds.poll(home);

        assertEquals("ok", outcome.get("result"), outcome.toString());
        Source source = feeds.source(home);
        assertEquals(newFeed, source.url);
        assertEquals(SourceStatus.OK, source.status, "a 410 of a discovered feed does not disable the source");
        assertTrue(source.discovery.startsWith("the feed " + server.url("/moving/old.atom") + " answered HTTP 410; looked again"),
                source.discovery);
        assertEquals(2, entries(home), "the first feed's entries stay, the new feed's are added");
    }

    @Test
    void aGoneFeedThatThePageStillAdvertisesDisablesTheSourceAndSaysWhy() {
        server.route("/stale/", page("Stale", "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/stale/feed.rss\">"));
        server.route("/stale/feed.rss", Reply.ok(rss("Stale", "/stale/post").bytes(), Fixtures.RSS));
        String home = server.url("/stale/");
        feeds.follow(home);
        assertEquals("ok", feeds.poll(home).get("result"));

        server.route("/stale/feed.rss", Reply.of(410));

        assertEquals("gone", feeds.poll(home).get("result"));
        Source source = feeds.source(home);
        assertEquals(SourceStatus.DISABLED, source.status);
        assertTrue(source.discovery.contains("looking for another feed on " + home + " failed: no feed found on this page"),
                source.discovery);
    }

    private long entries(String configUrl) {
        long id = feeds.source(configUrl).id;
        return QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.sourceId", id));
    }

    private static Reply page(String title, String head) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>\n"
                + head + "\n</head><body><h1>" + title + "</h1><p>Welcome.</p></body></html>";
        return Reply.ok(html.getBytes(StandardCharsets.UTF_8), HTML);
    }

    private Rss rss(String title, String postPath) {
        return Rss.feed(title).site(server.url("/")).item(title + " post", server.url(postPath), "Mon, 03 Jun 2024 10:00:00 GMT",
                "<p>A post of " + title + ".</p>");
    }

    private byte[] atom(String title, String postPath) {
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>" + title
                + "</title><id>urn:test:" + postPath + "</id><updated>2024-06-03T10:00:00Z</updated>"
                + "<entry><title>" + title + " post</title><id>urn:test:" + postPath + ":1</id>"
                + "<link href=\"" + server.url("/" + postPath) + "\"/><updated>2024-06-03T10:00:00Z</updated>"
                + "<content type=\"html\">&lt;p&gt;A post.&lt;/p&gt;</content></entry></feed>").getBytes(StandardCharsets.UTF_8);
    }
}
