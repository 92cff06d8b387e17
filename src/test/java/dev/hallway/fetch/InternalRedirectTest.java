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
}
