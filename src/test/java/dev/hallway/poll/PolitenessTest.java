package dev.hallway.poll;

import dev.hallway.source.Source;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A publisher's word on how often to poll (Cache-Control max-age, RSS ttl, sy:updatePeriod) lengthens a feed's
 * 30-minute interval, up to a day, and /sources says which applied; nonsense is ignored and said so.
 */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class PolitenessTest {

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    private static byte[] feed(String channelXml) {
        return Rss.feed("Polite blog").site("https://polite.example/").channel(channelXml)
                .item("Hello", "https://polite.example/hello", "Mon, 01 Jan 2024 10:00:00 GMT", "<p>Hi</p>").bytes();
    }

    /** Serves {@code body} with an ETag and {@code cacheControl} (if any), and a 304 to a request that sends the ETag. */
    private String serve(String path, byte[] body, String cacheControl) {
        server.route(path, request -> {
            Reply reply = "\"v1\"".equals(request.header("If-None-Match")) ? Reply.of(304) : Reply.ok(body, Fixtures.RSS);
            reply = reply.withHeader("ETag", "\"v1\"");
            return cacheControl == null ? reply : reply.withHeader("Cache-Control", cacheControl);
        });
        return server.url(path);
    }

    private static JsonPath view(String url) {
        return JsonPath.from(given().when().get("/sources").then().statusCode(200).extract().asString())
                .setRootPath("find { it.url == '" + url + "' }");
    }

    private void assertNextPollIn(String url, Instant before, Duration expected) {
        Instant next = feeds.source(url).nextPollAt;
        Instant at = before.plus(expected);
        assertTrue(!next.isBefore(at.minusSeconds(60)) && !next.isAfter(at.plusSeconds(60)),
                url + ": next poll expected about " + at + " but was " + next);
    }

    @Test
    void cacheControlMaxAgeOfTwoHoursLengthensAThirtyMinuteInterval() {
        String url = serve("/polite/max-age.rss", feed(""), "public, max-age=7200");
        feeds.follow(url);
        Instant before = Instant.now();
        assertEquals("ok", feeds.poll(url).get("result"));
        assertNextPollIn(url, before, Duration.ofHours(2));
        JsonPath source = view(url);
        assertEquals(1800, source.getInt("intervalSeconds"));
        assertEquals(7200, source.getInt("effectiveIntervalSeconds"));
        assertEquals(Map.of("from", "cache-control", "seconds", 7200, "applies", true), withoutNulls(source.getMap("intervalHint")));

        before = Instant.now();
        assertEquals("not_modified", feeds.poll(url).get("result"), "a 304 carries the same header");
        assertNextPollIn(url, before, Duration.ofHours(2));
        assertEquals("cache-control", view(url).getString("intervalHint.from"));
    }

    @Test
    void rssTtlIsInMinutesAndStillAppliesAfterA304WithoutCacheControl() {
        String url = serve("/polite/ttl.rss", feed("<ttl>90</ttl>"), null);
        feeds.follow(url);
        Instant before = Instant.now();
        feeds.poll(url);
        assertNextPollIn(url, before, Duration.ofMinutes(90));
        assertEquals(Map.of("from", "ttl", "seconds", 5400, "applies", true), withoutNulls(view(url).getMap("intervalHint")));

        before = Instant.now();
        assertEquals("not_modified", feeds.poll(url).get("result"));
        assertNextPollIn(url, before, Duration.ofMinutes(90)); // the feed's ttl is kept from its last body
        assertEquals(5400, view(url).getInt("effectiveIntervalSeconds"));
    }

    @Test
    void syUpdatePeriodDailyIsADayAndWeeklyIsCappedAtADay() {
        String daily = serve("/polite/daily.rss", feed("<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>"), null);
        String weekly = serve("/polite/weekly.rss", feed("<sy:updatePeriod>weekly</sy:updatePeriod>"), null);
        feeds.follow(daily, weekly);
        Instant before = Instant.now();
        feeds.poll(daily);
        feeds.poll(weekly);
        assertNextPollIn(daily, before, Duration.ofHours(24));
        assertNextPollIn(weekly, before, Duration.ofHours(24));
        assertEquals(Map.of("from", "sy:updatePeriod", "seconds", 86_400, "applies", true),
                withoutNulls(view(daily).getMap("intervalHint")));
        assertEquals(86_400, view(weekly).getInt("intervalHint.seconds"));
        assertEquals("sy:updatePeriod asks for 604800 s: capped at 86400 s", view(weekly).getString("intervalHint.note"));
    }

    @Test
    void nonsenseHintsAreIgnoredWithTheReasonAndTheFeedIsStillRead() {
        String bogus = serve("/polite/bogus.rss", feed("<ttl>soon</ttl><sy:updatePeriod>fortnightly</sy:updatePeriod>"),
                "max-age=-5");
        String huge = serve("/polite/huge.rss", feed(""), "max-age=99999999999");
        feeds.follow(bogus, huge);
        Instant before = Instant.now();
        assertEquals("ok", feeds.poll(bogus).get("result"));
        assertEquals("ok", feeds.poll(huge).get("result"));
        assertNextPollIn(bogus, before, Duration.ofMinutes(30));
        assertNextPollIn(huge, before, Duration.ofMinutes(30));
        JsonPath source = view(bogus);
        assertNull(source.get("intervalHint.from"));
        assertNull(source.get("intervalHint.seconds"));
        assertFalse(source.getBoolean("intervalHint.applies"));
        assertEquals("ignored Cache-Control max-age \"-5\": negative; ignored ttl \"soon\": not a whole number of minutes; "
                + "ignored sy:updatePeriod \"fortnightly\": not hourly, daily, weekly, monthly or yearly",
                source.getString("intervalHint.note"));
        assertEquals(1800, source.getInt("effectiveIntervalSeconds"));
        assertEquals("ignored Cache-Control max-age \"99999999999\": more than a year", view(huge).getString("intervalHint.note"));
        Source stored = feeds.source(bogus);
        assertEquals("Polite blog", stored.title, "the feed itself was read");
    }

    @Test
    void aHintShorterThanTheConfiguredIntervalChangesNothing() {
        String url = serve("/polite/short.rss", feed("<ttl>5</ttl>"), "max-age=60");
        feeds.follow(url);
        Instant before = Instant.now();
        feeds.poll(url);
        assertNextPollIn(url, before, Duration.ofMinutes(30));
        JsonPath source = view(url);
        assertEquals(Map.of("from", "ttl", "seconds", 300, "applies", false), withoutNulls(source.getMap("intervalHint")));
        assertEquals(1800, source.getInt("effectiveIntervalSeconds"));
    }

    @Test
    void aLongerRetryAfterOrBackoffStillWinsAndAShorterOneWaitsForTheHint() {
        String path = "/polite/then-busy.rss";
        String url = serve(path, feed(""), "max-age=7200");
        feeds.follow(url);
        feeds.poll(url);

        server.route(path, Reply.of(503).withHeader("Retry-After", "18000"));
        Instant before = Instant.now();
        assertEquals("throttled", feeds.poll(url).get("result"));
        assertNextPollIn(url, before, Duration.ofHours(5));

        server.route(path, Reply.of(429).withHeader("Retry-After", "60"));
        before = Instant.now();
        feeds.poll(url);
        assertNextPollIn(url, before, Duration.ofHours(2)); // a minute would be sooner than the publisher asked

        server.route(path, Reply.of(500));
        before = Instant.now();
        feeds.poll(url); // the third failure in a row: backs off from the 2 hours, 2 × 2 × 2 h
        assertNextPollIn(url, before, Duration.ofHours(8));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
