package dev.hallway;

import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.GreenMailResource;
import dev.hallway.support.PrometheusText;
import dev.hallway.support.TestDatabase;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /q/metrics in Prometheus format: polls, stored entries, the Atom feed cache and digest deliveries move the
 * Hallway counters by exactly what happened, and HTTP metrics name routes by their template.
 */
@QuarkusTest
@TestProfile(MetricsTest.OwnDatabase.class)
@QuarkusTestResource(FeedServerResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
class MetricsTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestDatabase.isolated("metrics");
        }
    }

    private static final String WEEK = "2026-W47";

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    private static PrometheusText scrape() {
        return PrometheusText.parse(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** A seed feed with every date moved into 2026-W47, so its conference reports make that week's digest. */
    private static byte[] inTheWeek(String seed) {
        return Fixtures.text("seeds/" + seed)
                .replaceAll("<pubDate>[^<]+</pubDate>", "<pubDate>Tue, 17 Nov 2026 10:00:00 +0000</pubDate>")
                .replaceAll("<(published|updated|dc:date)>[^<]+</(published|updated|dc:date)>", "<$1>2026-11-17T10:00:00Z</$2>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pollsEntriesFeedCacheAndDigestsAreCountedExactly() {
        PrometheusText before = scrape();

        server.serveWithValidators("/metrics/wp.rss", inTheWeek("adventures-in-oss.rss"), Fixtures.RSS,
                "\"m1\"", "Tue, 17 Nov 2026 10:00:00 GMT");
        server.route("/metrics/broken.rss", Reply.of(500));
        AtomicReference<byte[]> pingcap = new AtomicReference<>(inTheWeek("pingcap-blog.atom"));
        server.route("/metrics/pingcap.atom", request -> Reply.ok(pingcap.get(), Fixtures.ATOM));
        String wp = server.url("/metrics/wp.rss"), broken = server.url("/metrics/broken.rss"),
                pc = server.url("/metrics/pingcap.atom");
        feeds.follow(wp, broken, pc);

        List<Map<String, Object>> first = feeds.pollAll();
        assertEquals(List.of("ok", "failed", "ok"), first.stream().map(o -> o.get("result")).toList());
        assertEquals("not_modified", feeds.poll(wp).get("result"));
        pingcap.set(new String(pingcap.get(), StandardCharsets.UTF_8)
                .replace("Bringing TiKV to Rust Devroom at FOSDEM 2018", "Bringing TiKV to the Rust Devroom at FOSDEM 2018")
                .getBytes(StandardCharsets.UTF_8));
        Map<String, Object> edited = feeds.poll(pc);
        assertEquals("ok", edited.get("result"));
        assertEquals(1, edited.get("updated"));

        given().when().get("/feed.atom").then().statusCode(200);
        given().when().get("/feed.atom").then().statusCode(200);

        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber s = new Subscriber();
            s.email = "metrics@example.org";
            s.status = SubscriberStatus.CONFIRMED;
            s.createdAt = Instant.now();
            s.confirmedAt = Instant.now();
            s.persist();
        });
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("week", WEEK).when().post("/admin/digests/send")
                .then().statusCode(200).body("built", is(true)).body("sent", is(1));

        PrometheusText after = scrape();
        Delta d = new Delta(before, after);
        assertEquals(3, d.of("hallway_polls_total", "result", "ok"));
        assertEquals(1, d.of("hallway_polls_total", "result", "not_modified"));
        assertEquals(1, d.of("hallway_polls_total", "result", "failed"));
        for (String none : List.of("unchanged", "throttled", "gone")) {
            assertEquals(0, d.of("hallway_polls_total", "result", none), none);
        }
        assertEquals(5, d.of("hallway_poll_duration_seconds_count"));
        assertTrue(d.of("hallway_poll_duration_seconds_sum") > 0, "poll time adds up");
        assertEquals(12, d.of("hallway_entries_ingested_total", "kind", "new"), "10 WordPress posts and 2 PingCAP posts");
        assertEquals(1, d.of("hallway_entries_ingested_total", "kind", "updated"));
        assertEquals(1, d.of("hallway_feed_cache_total", "result", "miss"));
        assertEquals(1, d.of("hallway_feed_cache_total", "result", "hit"));
        assertEquals(1, d.of("hallway_digest_deliveries_total", "status", "sent"));
        for (String none : List.of("retry", "failed", "skipped")) {
            assertEquals(0, d.of("hallway_digest_deliveries_total", "status", none), none);
        }
    }

    @Test
    void httpMetricsNameRoutesByTheirTemplateNotTheirValues() {
        given().when().get("/conferences/fosdem-2019/feed.atom");
        given().when().get("/conferences/percona-live-2023/feed.atom");
        given().when().get("/no-such-page-" + System.nanoTime()).then().statusCode(404);

        java.util.Set<String> series = scrape().matching("http_server_requests_seconds_count");
        assertTrue(series.stream().anyMatch(s -> s.contains("uri=\"/conferences/{slug}/feed.atom\"")), series.toString());
        assertTrue(series.stream().noneMatch(s -> s.contains("fosdem") || s.contains("percona") || s.contains("no-such-page")),
                series.toString());
    }

    /** How far each counter moved between two scrapes. */
    private record Delta(PrometheusText before, PrometheusText after) {
        double of(String name, String... labels) {
            return after.value(name, labels) - before.value(name, labels);
        }
    }
}
