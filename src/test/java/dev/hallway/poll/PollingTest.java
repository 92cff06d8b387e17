package dev.hallway.poll;

import dev.hallway.entry.Entry;
import dev.hallway.entry.Sighting;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class PollingTest {

    private static final byte[] WORDPRESS = Fixtures.bytes("seeds/adventures-in-oss.rss");
    private static final byte[] HUGO = Fixtures.bytes("seeds/pingcap-blog.atom");
    private static final byte[] RDF = Fixtures.bytes("seeds/duchess-france.rdf");

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    private static long entryCount(long sourceId) {
        return QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.sourceId", sourceId));
    }

    @Test
    void firstPollStoresTheEntriesOfRssAtomAndRdfFeeds() {
        server.route("/first/wp.rss", Reply.ok(WORDPRESS, Fixtures.RSS));
        server.route("/first/hugo.atom", Reply.ok(HUGO, Fixtures.ATOM));
        server.route("/first/duchess.rdf", Reply.ok(RDF, Fixtures.RDF));
        String wp = server.url("/first/wp.rss"), hugo = server.url("/first/hugo.atom"), rdf = server.url("/first/duchess.rdf");
        feeds.follow(wp, hugo, rdf);

        List<Map<String, Object>> outcomes = feeds.pollAll();

        assertEquals(3, outcomes.size());
        outcomes.forEach(o -> assertEquals("ok", o.get("result"), o.toString()));
        assertEquals(10, entryCount(feeds.source(wp).id));
        assertEquals(2, entryCount(feeds.source(hugo).id));
        assertEquals(1, entryCount(feeds.source(rdf).id));
        Source source = feeds.source(wp);
        assertEquals(SourceStatus.OK, source.status);
        assertEquals("Adventures in Open Source", source.title);
        assertEquals(200, source.lastHttpStatus);
        given().when().get("/sources").then().statusCode(200)
                .body("find { it.url == '" + wp + "' }.entryCount", org.hamcrest.Matchers.is(10))
                .body("find { it.url == '" + wp + "' }.status", org.hamcrest.Matchers.is("ok"))
                .body("find { it.url == '" + wp + "' }.name", org.hamcrest.Matchers.is("Adventures in Open Source"));
        Entry percona = QuarkusTransaction.requiringNew().call(() ->
                Entry.<Entry>find("title", "2023 Percona Live – Day 1").firstResult());
        assertNotNull(percona, "entity-encoded WordPress titles are decoded");
        assertEquals(List.of("Tarus Balog"), percona.authors);
    }

    @Test
    void secondPollSendsValidatorsAndA304WritesNothing() {
        String path = "/validators/feed.rss";
        server.serveWithValidators(path, WORDPRESS, Fixtures.RSS, "\"v1\"", "Mon, 03 Jun 2024 10:00:00 GMT");
        String url = server.url(path);
        feeds.follow(url);

        assertEquals("ok", feeds.poll(url).get("result"));
        Source afterFirst = feeds.source(url);
        assertEquals("\"v1\"", afterFirst.etag);
        assertEquals("Mon, 03 Jun 2024 10:00:00 GMT", afterFirst.lastModified);

        Map<String, Object> second = feeds.poll(url);
        assertEquals("not_modified", second.get("result"));
        assertEquals(304, second.get("httpStatus"));
        assertEquals(0, second.get("entries"));
        FeedServer.Request request = server.requests(path).get(1);
        assertEquals("\"v1\"", request.header("If-None-Match"));
        assertEquals("Mon, 03 Jun 2024 10:00:00 GMT", request.header("If-Modified-Since"));
        assertEquals(10, entryCount(afterFirst.id));
        assertEquals(SourceStatus.OK, feeds.source(url).status);
    }

    @Test
    void newValidatorsArrivingWithA304AreStored() {
        String path = "/validators/rotating.rss";
        server.route(path, request -> request.header("If-None-Match") == null
                ? Reply.ok(WORDPRESS, Fixtures.RSS).withHeader("ETag", "\"a\"")
                : Reply.of(304).withHeader("ETag", "\"b\""));
        String url = server.url(path);
        feeds.follow(url);
        feeds.poll(url);
        assertEquals("not_modified", feeds.poll(url).get("result"));
        assertEquals("\"b\"", feeds.source(url).etag);
        feeds.poll(url);
        assertEquals("\"b\"", server.requests(path).get(2).header("If-None-Match"));
    }

    @Test
    void sameBytesWithoutValidatorsAreNotParsedAgain() {
        String path = "/no-validators/feed.atom";
        server.route(path, Reply.ok(HUGO, Fixtures.ATOM));
        String url = server.url(path);
        feeds.follow(url);
        assertEquals("ok", feeds.poll(url).get("result"));
        Map<String, Object> second = feeds.poll(url);
        assertEquals("unchanged", second.get("result"));
        assertEquals(200, second.get("httpStatus"));
        assertEquals(0, second.get("entries"));
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(RDF);
        }
        server.route("/gzip/feed.rdf", Reply.ok(zipped.toByteArray(), Fixtures.RDF).withHeader("Content-Encoding", "gzip"));
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream deflate = new java.util.zip.DeflaterOutputStream(deflated)) {
            deflate.write(HUGO);
        }
        server.route("/deflate/feed.atom", Reply.ok(deflated.toByteArray(), Fixtures.ATOM).withHeader("Content-Encoding", "deflate"));
        String gz = server.url("/gzip/feed.rdf"), df = server.url("/deflate/feed.atom");
        feeds.follow(gz, df);
        assertEquals("ok", feeds.poll(gz).get("result"));
        assertEquals("ok", feeds.poll(df).get("result"));
        assertTrue(server.requests("/gzip/feed.rdf").get(0).header("Accept-Encoding").contains("gzip"));
        assertEquals(1, entryCount(feeds.source(gz).id));
        assertEquals(2, entryCount(feeds.source(df).id));
    }

    @Test
    void userAgentNamesHallwayItsVersionAndThePublicUrl() {
        server.route("/ua/feed.rdf", Reply.ok(RDF, Fixtures.RDF));
        String url = server.url("/ua/feed.rdf");
        feeds.follow(url);
        feeds.poll(url);
        String agent = server.requests("/ua/feed.rdf").get(0).header("User-Agent");
        assertTrue(agent.matches("Hallway/\\S+ \\(\\+http://localhost:8080; feed aggregator\\)"), agent);
    }

    @Test
    void permanentRedirectMovesTheFeedButATemporaryOneDoesNot() {
        server.route("/moved/old.rss", Reply.of(301).withHeader("Location", "/moved/step.rss"));
        server.route("/moved/step.rss", Reply.of(308).withHeader("Location", server.url("/moved/new.rss")));
        server.route("/moved/new.rss", Reply.ok(WORDPRESS, Fixtures.RSS));
        server.route("/temp/old.rss", Reply.of(301).withHeader("Location", "/temp/step.rss"));
        server.route("/temp/step.rss", Reply.of(302).withHeader("Location", "/temp/new.rss"));
        server.route("/temp/new.rss", Reply.ok(WORDPRESS, Fixtures.RSS));
        String moved = server.url("/moved/old.rss"), temp = server.url("/temp/old.rss");
        feeds.follow(moved, temp);

        assertEquals("ok", feeds.poll(moved).get("result"));
        assertEquals("ok", feeds.poll(temp).get("result"));

        assertEquals(server.url("/moved/new.rss"), feeds.source(moved).url);
        assertEquals(temp, feeds.source(temp).url, "a chain with a 302 in it never moves the feed");
        feeds.poll(moved);
        assertEquals(2, server.requests("/moved/new.rss").size());
        assertEquals(1, server.requests("/moved/old.rss").size(), "the old URL is not asked again");
    }

    @Test
    void tooManyRedirectsFailCleanly() {
        for (int i = 0; i < 7; i++) {
            server.route("/loop/" + i, Reply.of(302).withHeader("Location", "/loop/" + (i + 1)));
        }
        String url = server.url("/loop/0");
        feeds.follow(url);
        Map<String, Object> outcome = feeds.poll(url);
        assertEquals("failed", outcome.get("result"));
        assertTrue(outcome.get("error").toString().contains("more than 5 redirects"), outcome.toString());
        assertEquals(6, server.requests("/loop/0").size() + server.requests("/loop/1").size()
                + server.requests("/loop/2").size() + server.requests("/loop/3").size()
                + server.requests("/loop/4").size() + server.requests("/loop/5").size());
    }

    @Test
    void goneDisablesTheFeedUntilItsEntryIsEdited() {
        server.route("/gone/feed.rss", Reply.of(410));
        String url = server.url("/gone/feed.rss");
        feeds.follow(url);
        assertEquals("gone", feeds.poll(url).get("result"));
        Source source = feeds.source(url);
        assertEquals(SourceStatus.DISABLED, source.status);
        assertTrue(source.disabledReason.contains("410"), source.disabledReason);
        assertEquals(0, feeds.pollAll().stream().filter(o -> o.get("source").equals(source.id.intValue())).count(),
                "a disabled feed is not polled");
        given().when().get("/sources").then()
                .body("find { it.url == '" + url + "' }.status", org.hamcrest.Matchers.is("disabled"));

        server.route("/gone/feed.rss", Reply.ok(RDF, Fixtures.RDF));
        feeds.write("feeds:\n  - url: " + url + "\n    name: Back again\n");
        assertEquals(SourceStatus.NEW, feeds.source(url).status);
        assertEquals("ok", feeds.poll(url).get("result"));
        assertEquals(SourceStatus.OK, feeds.source(url).status);
    }

    @Test
    void serverErrorsBackOffExponentiallyAndSuccessResets() {
        String path = "/flaky/feed.rss";
        server.route(path, Reply.of(500));
        String url = server.url(path);
        feeds.follow(url);

        Instant before = Instant.now();
        Map<String, Object> first = feeds.poll(url);
        assertEquals("failed", first.get("result"));
        assertEquals("HTTP 500", first.get("error"));
        Source afterOne = feeds.source(url);
        assertEquals(SourceStatus.FAILING, afterOne.status);
        assertEquals(1, afterOne.consecutiveFailures);
        assertBetween(afterOne.nextPollAt, before.plus(Duration.ofMinutes(30)), Duration.ofMinutes(1));

        feeds.poll(url);
        feeds.poll(url);
        Source afterThree = feeds.source(url);
        assertEquals(3, afterThree.consecutiveFailures);
        assertBetween(afterThree.nextPollAt, before.plus(Duration.ofHours(2)), Duration.ofMinutes(1));
        for (int i = 0; i < 4; i++) {
            feeds.poll(url);
        }
        assertBetween(feeds.source(url).nextPollAt, before.plus(Duration.ofHours(24)), Duration.ofMinutes(1));

        server.route(path, Reply.ok(WORDPRESS, Fixtures.RSS));
        assertEquals("ok", feeds.poll(url).get("result"));
        Source recovered = feeds.source(url);
        assertEquals(SourceStatus.OK, recovered.status);
        assertEquals(0, recovered.consecutiveFailures);
        assertNull(recovered.lastError);
        // the WordPress feed says sy:updatePeriod hourly: longer than the 30 minutes configured, so it applies
        assertBetween(recovered.nextPollAt, Instant.now().plus(Duration.ofHours(1)), Duration.ofMinutes(1));
    }

    @Test
    void tooManyRequestsAndUnavailableHonourRetryAfter() {
        server.route("/throttle/429", Reply.of(429).withHeader("Retry-After", "7200"));
        server.route("/throttle/503", Reply.of(503).withHeader("Retry-After",
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusHours(5))));
        String a = server.url("/throttle/429"), b = server.url("/throttle/503");
        feeds.follow(a, b);
        Instant before = Instant.now();
        assertEquals("throttled", feeds.poll(a).get("result"));
        assertEquals("throttled", feeds.poll(b).get("result"));
        assertBetween(feeds.source(a).nextPollAt, before.plus(Duration.ofHours(2)), Duration.ofMinutes(1));
        assertBetween(feeds.source(b).nextPollAt, before.plus(Duration.ofHours(5)), Duration.ofMinutes(1));
        assertEquals(SourceStatus.FAILING, feeds.source(a).status);
    }

    @Test
    void aServerThatNeverAnswersTimesOutWhileTheOthersFinish() {
        server.route("/slow/hang.rss", Reply.ok(WORDPRESS, Fixtures.RSS).after(Duration.ofSeconds(30)));
        server.route("/slow/a.rss", Reply.ok(WORDPRESS, Fixtures.RSS));
        server.route("/slow/b.atom", Reply.ok(HUGO, Fixtures.ATOM));
        server.route("/slow/c.rdf", Reply.ok(RDF, Fixtures.RDF));
        String hang = server.url("/slow/hang.rss");
        feeds.follow(hang, server.url("/slow/a.rss"), server.url("/slow/b.atom"), server.url("/slow/c.rdf"));

        long start = System.nanoTime();
        List<Map<String, Object>> outcomes = feeds.pollAll();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        Map<String, Object> hung = outcomes.stream().filter(o -> o.get("source").equals(feeds.source(hang).id.intValue()))
                .findFirst().orElseThrow();
        assertEquals("failed", hung.get("result"));
        assertTrue(hung.get("error").toString().contains("timed out after 3 s"), hung.toString());
        assertTrue(tookMs < 10_000, "the hanging feed is cut at the request timeout, took " + tookMs + " ms");
        outcomes.stream().filter(o -> o != hung).forEach(o -> {
            assertEquals("ok", o.get("result"), o.toString());
            assertTrue(((Number) o.get("tookMs")).longValue() < 2_000, "other feeds did not wait for the slow one: " + o);
        });
    }

    @Test
    void atMostTwoPollsRunAgainstOneHostAtATime() {
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        String[] urls = new String[5];
        for (int i = 0; i < urls.length; i++) {
            String path = "/per-host/" + i + ".rdf";
            server.route(path, request -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                HallwayTestSleep.millis(400);
                running.decrementAndGet();
                return Reply.ok(RDF, Fixtures.RDF);
            });
            urls[i] = server.url(path);
        }
        feeds.follow(urls);
        feeds.pollAll().forEach(o -> assertEquals("ok", o.get("result"), o.toString()));
        assertEquals(2, peak.get(), "hallway.poll.per-host");
    }

    @Test
    void aBodyOverTheCapFailsCleanly() throws IOException {
        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        server.route("/huge/feed.rss", Reply.ok(huge, Fixtures.RSS));
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bomb)) {
            for (int i = 0; i < 8; i++) {
                gzip.write(huge);
            }
        }
        server.route("/huge/bomb.rss", Reply.ok(bomb.toByteArray(), Fixtures.RSS).withHeader("Content-Encoding", "gzip"));
        String url = server.url("/huge/feed.rss"), gz = server.url("/huge/bomb.rss");
        feeds.follow(url, gz);

        for (String u : List.of(url, gz)) {
            Map<String, Object> outcome = feeds.poll(u);
            assertEquals("failed", outcome.get("result"));
            assertEquals("body larger than the 256 KiB limit (hallway.fetch.max-body-size)", outcome.get("error"));
            assertEquals(SourceStatus.FAILING, feeds.source(u).status);
        }
    }

    @Test
    void somethingThatIsNotAFeedFailsWithAClearError() {
        server.route("/html/page", Reply.ok("<html><body>Hello</body></html>".getBytes(), "text/html"));
        server.route("/xml/note", Reply.ok("<?xml version=\"1.0\"?><note><to>Ada</to></note>".getBytes(), "application/xml"));
        String page = server.url("/html/page"), xml = server.url("/xml/note");
        feeds.follow(page, xml);
        Map<String, Object> outcome = feeds.poll(xml);
        assertEquals("failed", outcome.get("result"));
        assertTrue(outcome.get("error").toString().startsWith("not a readable feed"), outcome.toString());
        // a web page is taken for a blog's home page: its feed is looked for (DiscoveryTest), here in vain
        Map<String, Object> onPage = feeds.poll(page);
        assertEquals("failed", onPage.get("result"));
        assertTrue(onPage.get("error").toString().startsWith("no feed found on this page: " + page), onPage.toString());
    }

    @Test
    void connectionRefusedIsReportedAsANetworkError() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/feed.xml";
        feeds.follow(url);
        Map<String, Object> outcome = feeds.poll(url);
        assertEquals("failed", outcome.get("result"));
        assertTrue(outcome.get("error").toString().startsWith("connection to 127.0.0.1:" + closedPort + " failed"),
                outcome.toString());
    }

    @Test
    void adminEndpointsNeedTheToken() {
        given().when().post("/admin/poll").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2("wrong").when().post("/admin/poll").then().statusCode(401);
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("source", 999_999).when().post("/admin/poll")
                .then().statusCode(404);
    }

    private static void assertBetween(Instant actual, Instant expected, Duration tolerance) {
        assertTrue(!actual.isBefore(expected.minus(tolerance)) && !actual.isAfter(expected.plus(tolerance)),
                "expected about " + expected + " but was " + actual);
    }

    /** Sleeps inside a request handler of the test server. */
    static final class HallwayTestSleep {
        static void millis(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
