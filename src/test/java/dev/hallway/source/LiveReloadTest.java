package dev.hallway.source;

import dev.hallway.entry.Sighting;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class LiveReloadTest {

    @Inject
    TestFeeds feeds;
    @Inject
    FeedsFileWatcher watcher;

    private final FeedServer server = FeedServerResource.server();

    @Test
    void anEditAddsAndRemovesFeedsAndRemovedFeedsKeepTheirEntries() {
        server.route("/reload/a.rss", Reply.ok(Fixtures.bytes("seeds/adventures-in-oss.rss"), Fixtures.RSS));
        server.route("/reload/b.atom", Reply.ok(Fixtures.bytes("seeds/pingcap-blog.atom"), Fixtures.ATOM));
        server.route("/reload/c.rdf", Reply.ok(Fixtures.bytes("seeds/duchess-france.rdf"), Fixtures.RDF));
        String a = server.url("/reload/a.rss"), b = server.url("/reload/b.atom"), c = server.url("/reload/c.rdf");

        feeds.follow(a, b);
        feeds.pollAll();
        long bId = feeds.source(b).id;
        given().when().get("/sources").then().statusCode(200)
                .body("url", hasItem(a)).body("url", hasItem(b)).body("url", not(hasItem(c)));

        feeds.follow(a, c);

        given().when().get("/sources").then().statusCode(200)
                .body("url", hasItem(a)).body("url", hasItem(c)).body("url", not(hasItem(b)));
        assertFalse(feeds.source(b).active);
        assertEquals(2, QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.sourceId", bId)),
                "a removed feed keeps its entries");
        given().queryParam("all", true).when().get("/sources").then().body("url", hasItem(b));
        List<Object> polled = feeds.pollAll().stream().map(o -> o.get("source")).toList();
        assertFalse(polled.contains((int) bId), "a removed feed is not polled");
        assertTrue(polled.contains(feeds.source(c).id.intValue()), "a new feed is polled");
    }

    @Test
    void aBrokenEditIsReportedAndTheLastGoodConfigurationKeepsRunning() {
        String good = server.url("/reload/good.rss");
        feeds.follow(good);

        boolean applied = feeds.write("feeds:\n  - url: " + good + "\n  - url: gopher://old.example/feed\n");

        assertFalse(applied);
        FeedsFileWatcher.State state = watcher.state();
        assertTrue(state.error().contains("test-feeds.yaml:3:10: url must start with http:// or https://"), state.error());
        given().when().get("/sources").then().statusCode(200)
                .header("X-Hallway-Config-Error", containsString(":3:10: url must start with http"))
                .body("url", hasItem(good));
        given().when().get("/sources/config").then().body("error", containsString("gopher://"));
        assertTrue(feeds.source(good).active);

        feeds.follow(good, server.url("/reload/other.rss"));
        given().when().get("/sources").then().header("X-Hallway-Config-Error", nullValue())
                .body("url", hasItem(server.url("/reload/other.rss")));
    }

    @Test
    void editsAreNoticedByContentNotByTime() {
        feeds.follow(server.url("/reload/same.rss"));
        assertFalse(watcher.reloadIfChanged(), "nothing changed, nothing applied");
    }
}
