package dev.hallway.fetch;

import dev.hallway.source.Source;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 4 of issue 12, through real polls of the loopback server. Whether the configured feed is on an internal
 * address is decided by resolving its host: the real resolver says 127.0.0.1 is loopback (a feed an operator put on
 * an internal address may redirect to another), a made-up one says it is a public address (then a redirect to
 * {@code localhost} is refused and never requested).
 */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class InternalRedirectTest {

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    private byte[] rss() {
        return Rss.feed("Moved blog").item("A post", "https://blog.example/a", "Mon, 05 Feb 2024 10:00:00 +0000", "<p>text</p>").bytes();
    }

    @Test
    void aFeedConfiguredOnLoopbackMayRedirectOnLoopback() {
        server.route("/internal-redirect/loopback.rss", Reply.of(301).withHeader("Location", "http://localhost:" + server.port() + "/internal-redirect/loopback-moved.rss"));
        server.route("/internal-redirect/loopback-moved.rss", Reply.ok(rss(), Fixtures.RSS));
        String url = server.url("/internal-redirect/loopback.rss");
        feeds.follow(url);
        Map<String, Object> outcome = feeds.poll(url);
        assertEquals("ok", outcome.get("result"), outcome.toString());
        assertEquals("http://localhost:" + server.port() + "/internal-redirect/loopback-moved.rss", feeds.source(url).url);
    }

    @Test
    void aPublicFeedIsRefusedARedirectToAnInternalAddress() {
        QuarkusMock.installMockForType(new RedirectGuard(host -> host.equals("127.0.0.1")
                ? new InetAddress[]{InetAddress.getByName("93.184.216.34")} // the configured feed: as if on the Internet
                : InetAddress.getAllByName(host)), RedirectGuard.class);
        server.route("/internal-redirect/public.rss", Reply.of(301).withHeader("Location", "http://localhost:" + server.port() + "/internal-redirect/secret"));
        server.route("/internal-redirect/secret", Reply.ok("<secret/>".getBytes(), "application/xml"));
        String url = server.url("/internal-redirect/public.rss");
        feeds.follow(url);
        Map<String, Object> outcome = feeds.poll(url);
        assertEquals("failed", outcome.get("result"), outcome.toString());
        Source source = feeds.source(url);
        assertTrue(source.lastError.startsWith("redirect to an internal address refused: localhost is 127.0.0.1")
                || source.lastError.startsWith("redirect to an internal address refused: localhost is 0:0:0:0:0:0:0:1"), source.lastError);
        assertEquals(url, source.url, "the feed's URL does not move");
        assertTrue(server.requests("/internal-redirect/secret").isEmpty(), "the internal address is never asked");
        given().when().get("/sources").then().statusCode(200)
                .body("find { it.url == '" + url + "' }.lastError", containsString("internal address refused"));
    }

    @Test
    void aPublicSummaryOnlyFeedMayNotLinkItsPostsToAnInternalAddress() {
        QuarkusMock.installMockForType(new RedirectGuard(host -> host.equals("127.0.0.1")
                ? new InetAddress[]{InetAddress.getByName("93.184.216.34")} // the feed: as if on the Internet
                : InetAddress.getAllByName(host)), RedirectGuard.class);
        String secret = "http://localhost:" + server.port() + "/internal-redirect/post-secret";
        server.route("/internal-redirect/post-secret", Reply.ok("<html><body><article><p>secret</p></article></body></html>".getBytes(), "text/html"));
        server.route("/internal-redirect/excerpts.rss", Reply.ok(Rss.feed("Excerpts")
                .item("Internal post", secret, "Mon, 05 Feb 2024 10:00:00 +0000", "<p>One […]</p>")
                .item("Second", secret + "-2", "Mon, 05 Feb 2024 09:00:00 +0000", "<p>Two […]</p>")
                .item("Third", secret + "-3", "Mon, 05 Feb 2024 08:00:00 +0000", "<p>Three […]</p>").bytes(), Fixtures.RSS));
        String url = server.url("/internal-redirect/excerpts.rss");
        feeds.write("feeds:\n  - url: " + url + "\n    fulltext: true\n");

        assertEquals("ok", feeds.poll(url).get("result"));

        for (String path : new String[]{"/internal-redirect/post-secret", "/internal-redirect/post-secret-2", "/internal-redirect/post-secret-3"}) {
            assertTrue(server.requests(path).isEmpty(), "the internal address is never asked: " + path);
        }
        long id = TestFeeds.entryId("Internal post");
        given().when().get("/entries/" + id).then().statusCode(200)
                .body("contentHtml", org.hamcrest.Matchers.is("<p>One […]</p>"))
                .body("fullText.lastError", containsString("link to an internal address refused: localhost is"));
    }
}
