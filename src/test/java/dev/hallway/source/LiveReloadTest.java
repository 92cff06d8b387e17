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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class LiveReloadTest {

    @Inject
    TestFeeds feeds;
    @Inject
    FeedsFileWatcher watcher;
    @Inject
    SourceSync sync;

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
    void editsAreNoticedByContentNotByTime() throws IOException {
        String same = server.url("/reload/same.rss"), other = server.url("/reload/sam2.rss"); // same length
        String yaml = "feeds:\n  - url: " + same + "\n";
        feeds.write(yaml);
        Path file = Path.of("target/test-feeds.yaml");
        FileTime before = Files.getLastModifiedTime(file);

        Files.writeString(file, yaml);
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(60)));
        assertFalse(watcher.reloadIfChanged(), "the same content with a new time is not an edit");

        Files.writeString(file, "feeds:\n  - url: " + other + "\n");
        Files.setLastModifiedTime(file, before);
        assertTrue(watcher.reloadIfChanged(), "new content of the same size with the old time is an edit");
        assertTrue(feeds.source(other).active);
        assertFalse(feeds.source(same).active);
    }

    @Test
    void anEditTheDatabaseRefusesIsAppliedAtALaterCheck() {
        String url = server.url("/reload/retried.rss");
        feeds.follow(url);
        sql("ALTER TABLE source ADD CONSTRAINT refuse_once CHECK (name IS NULL OR name <> 'Renamed later')");
        boolean first;
        try {
            first = feeds.write("feeds:\n  - url: " + url + "\n    name: Renamed later\n");
        } catch (RuntimeException refused) {
            first = false;
        } finally {
            sql("ALTER TABLE source DROP CONSTRAINT refuse_once");
        }
        assertFalse(first, "the database refused the edit");
        assertNull(feeds.source(url).name);

        assertTrue(watcher.reloadIfChanged(), "the same content is tried again and applied");
        assertEquals("Renamed later", feeds.source(url).name);
        assertNull(watcher.state().error());
    }

    @Test
    void anEditTheDatabaseRefusesIsReportedUntilItApplies() {
        String url = server.url("/reload/reported.rss");
        feeds.follow(url);
        sql("ALTER TABLE source ADD CONSTRAINT refuse_reported CHECK (name IS NULL OR name <> 'Not yet')");
        try {
            assertFalse(feeds.write("feeds:\n  - url: " + url + "\n    name: Not yet\n"));
            assertTrue(watcher.state().error().contains("will be tried again"), watcher.state().error());
            given().when().get("/sources").then().header("X-Hallway-Config-Error", containsString("tried again"));
            assertFalse(watcher.reloadIfChanged(), "still refused");
        } finally {
            sql("ALTER TABLE source DROP CONSTRAINT refuse_reported");
        }
        assertTrue(watcher.reloadIfChanged());
        given().when().get("/sources").then().header("X-Hallway-Config-Error", nullValue());
    }

    @Test
    void twoInstancesAddingTheSameNewFeedsAtOnceBothEndWithOneRowEach() throws Exception {
        for (int round = 0; round < 5; round++) {
            StringBuilder yaml = new StringBuilder("feeds:\n");
            for (int i = 0; i < 30; i++) {
                yaml.append("  - url: ").append(server.url("/race/" + round + "/" + i + ".rss")).append('\n');
            }
            FeedsConfig config = new FeedsFileLoader(java.time.Duration.ofMinutes(30), FeedsFileSection.ANY).parse("race.yaml", yaml.toString());
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            // the other replica: the same edit applied through its own transaction at the same moment
            java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                    sync.apply(config);
                } catch (Exception raced) {
                    // that replica retries on its own; only this one is checked
                }
            });
            start.countDown();
            boolean applied = feeds.write(yaml.toString());
            other.join();

            assertTrue(applied, "round " + round + ": " + watcher.state().error());
            assertNull(watcher.state().error());
            for (int i = 0; i < 30; i++) {
                String url = server.url("/race/" + round + "/" + i + ".rss");
                assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Source.count("configUrl", url)), url);
            }
        }
    }

    private static void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> Source.getEntityManager().createNativeQuery(statement).executeUpdate());
    }
}
