package dev.hallway.poll;

import dev.hallway.entry.Entry;
import dev.hallway.entry.EntryStore;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedFeed;
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
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items 2 and 3 of issue 12: whatever fails in parse, normalize or store — an Error included — is a failed poll:
 * recorded, backed off, shown by /sources, its lease given back; and no string from a feed is too long to store.
 */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class PollFailureTest {

    private static final Duration AT_MOST = Duration.ofSeconds(60);

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    private String serve(String path) {
        server.route(path, Reply.ok(Rss.feed("Failing blog").item("FOSDEM 2024 recap", "https://blog.example/fosdem-2024",
                "Mon, 05 Feb 2024 10:00:00 +0000", "<p>I attended FOSDEM 2024.</p>").bytes(), Fixtures.RSS));
        String url = server.url(path);
        feeds.follow(url);
        return url;
    }

    @Test
    void anErrorWhileParsingIsAFailedPollThatReleasesItsLease() {
        String url = serve("/failures/error.rss");
        QuarkusMock.installMockForType(new FeedParser() {
            @Override
            public ParsedFeed parse(byte[] body, String contentType, String feedUrl) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
        }, FeedParser.class);
        Map<String, Object> outcome = assertTimeoutPreemptively(AT_MOST, () -> feeds.poll(url), "POST /admin/poll answers");
        assertEquals("failed", outcome.get("result"), outcome.toString());
        assertTrue(String.valueOf(outcome.get("error")).contains("OutOfMemoryError"), outcome.toString());
        assertFailedAndReleased(url, "OutOfMemoryError");
    }

    @Test
    void aFailureWhileStoringIsAFailedPollThatBacksOff() {
        String url = serve("/failures/store.rss");
        QuarkusMock.installMockForType(new EntryStore() {
            @Override
            public Result store(long sourceId, String conferenceHint, String siteUrl, List<NormalizedEntry> items, Instant seenAt) {
                throw new IllegalStateException("the database said no (simulated)");
            }
        }, EntryStore.class);
        Map<String, Object> outcome = assertTimeoutPreemptively(AT_MOST, () -> feeds.poll(url));
        assertEquals("failed", outcome.get("result"), outcome.toString());
        assertFailedAndReleased(url, "the database said no");
        given().when().get("/sources").then().statusCode(200)
                .body("find { it.url == '" + url + "' }.status", org.hamcrest.Matchers.is("failing"))
                .body("find { it.url == '" + url + "' }.lastError", org.hamcrest.Matchers.containsString("the database said no"));
        Source source = feeds.source(url);
        assertNull(source.bodyHash, "the same bytes are parsed again next time");
    }

    @Test
    void aDetectedEventNameLongerThanItsColumnIsStoredCut() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            name.append(i == 0 ? "" : " ").append("Kieler").append((char) ('a' + i % 26)).append("woche");
        }
        String title = "Retour sur le " + name + " Summit 2024";
        server.route("/failures/long-name.rss", Reply.ok(Rss.feed("Long names").item(title, "https://blog.example/long-name",
                "Mon, 05 Feb 2024 10:00:00 +0000", "<p>Retour sur le " + name + " Summit 2024: j'ai assisté à trois jours de talks.</p>")
                .bytes(), Fixtures.RSS));
        String url = server.url("/failures/long-name.rss");
        feeds.follow(url);
        Map<String, Object> outcome = assertTimeoutPreemptively(AT_MOST, () -> feeds.poll(url));
        assertEquals("ok", outcome.get("result"), outcome.toString());
        Entry entry = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find("url", "https://blog.example/long-name").firstResult());
        assertNotNull(entry);
        assertNotNull(entry.conferenceSlug, "classified as a report on the detected event");
        assertTrue(entry.conferenceSlug.length() <= 200, entry.conferenceSlug);
        assertTrue(entry.conferenceName.length() <= 400, entry.conferenceName);
        assertTrue(entry.conferenceSeries.length() <= 200 && entry.conferenceSeriesName.length() <= 300);
    }

    @Test
    void aServersHugeValidatorsAndAFeedsHugeTitleDoNotFailThePoll() {
        String title = "Title ".repeat(600);
        server.route("/failures/huge-strings.rss", Reply.ok(Rss.feed(title).item("A post", "https://blog.example/huge-strings",
                "Mon, 05 Feb 2024 10:00:00 +0000", "<p>text</p>").bytes(), Fixtures.RSS)
                .withHeader("ETag", "\"" + "e".repeat(5000) + "\"").withHeader("Last-Modified", "Mon, 05 Feb 2024 " + "x".repeat(300)));
        String url = server.url("/failures/huge-strings.rss");
        feeds.follow(url);
        Map<String, Object> outcome = assertTimeoutPreemptively(AT_MOST, () -> feeds.poll(url));
        assertEquals("ok", outcome.get("result"), outcome.toString());
        Source source = feeds.source(url);
        assertEquals(SourceStatus.OK, source.status);
        assertTrue(source.title.length() <= 1024, "title cut to its column");
        assertNull(source.etag, "a validator too long to keep is not kept");
        assertNull(source.lastModified);
    }

    private void assertFailedAndReleased(String url, String error) {
        Source source = feeds.source(url);
        assertEquals(SourceStatus.FAILING, source.status);
        assertTrue(source.lastError != null && source.lastError.contains(error), source.lastError);
        assertEquals(1, source.consecutiveFailures);
        assertTrue(source.nextPollAt.isAfter(Instant.now().plusSeconds(60)), "backed off: " + source.nextPollAt);
        assertNull(source.leaseOwner, "lease given back");
        assertNull(source.leaseUntil);
        long records = QuarkusTransaction.requiringNew().call(() -> PollRecord.count("sourceId = ?1 and result = ?2",
                source.id, PollResult.FAILED));
        assertEquals(1, records, "the failure is recorded");
    }
}
