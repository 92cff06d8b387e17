package dev.hallway.entry;

import dev.hallway.support.AtomValidator;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.JsonFeedValidator;
import dev.hallway.support.Rss;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hallway.retention.entries: posts older than it lose their text and keep what dedupe needs, so a feed carrying an old
 * post again neither stores it again nor brings its text back. (Without the setting nothing is pruned: DedupeTest.)
 */
@QuarkusTest
@TestProfile(RetentionTest.OneYear.class)
@QuarkusTestResource(FeedServerResource.class)
class RetentionTest {

    public static class OneYear implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return dev.hallway.support.TestDatabase.isolated("retention", "hallway.retention.entries", "365d");
        }
    }

    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Inject
    TestFeeds feeds;
    @Inject
    EntryRetention retention;

    private final FeedServer server = FeedServerResource.server();

    private static String daysAgo(int days) {
        return RFC_822.format(Instant.now().minus(days, ChronoUnit.DAYS));
    }

    private static Entry entry(String canonicalUrl) {
        return QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find("canonicalUrl", canonicalUrl).firstResult());
    }

    private static long entries() {
        return QuarkusTransaction.requiringNew().call(() -> Entry.count());
    }

    /** RSS with one item that has no link (stored by its GUID), which Rss cannot write. */
    private static byte[] withLinklessItem(byte[] rss, String title, String pubDate) {
        String item = "<item><title>" + title + "</title><guid isPermaLink=\"false\">" + title + "</guid><pubDate>" + pubDate
                + "</pubDate><description>&lt;p&gt;The only copy of this text anywhere.&lt;/p&gt;</description></item>";
        return new String(rss, StandardCharsets.UTF_8).replace("</channel>", item + "</channel>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oldEntriesLoseTheirTextKeepTheirKeyAndAreNeverStoredAgainNorRevived() throws Exception {
        String site = "retained-" + Long.toString(System.nanoTime(), 36) + ".example"; // a run of its own, also when rerun
        String old = daysAgo(800);
        String recent = daysAgo(10);
        byte[] first = withLinklessItem(Rss.feed("Retained blog").site("https://" + site + "/")
                .item("FOSDEM 2024: what I saw", "https://" + site + "/fosdem-2024", old, "<p>Long report about Brussels, talks and waffles.</p>")
                .item("A recent post", "https://" + site + "/recent", recent, "<p>Fresh text.</p>")
                .bytes(), "An old post without a link on " + site, old);
        server.route("/retention/blog.rss", Reply.ok(first, Fixtures.RSS));
        feeds.follow(server.url("/retention/blog.rss"));
        feeds.pollAll();
        Entry before = entry(site + "/fosdem-2024");
        assertNotNull(before.contentHtml);
        long stored = entries();

        assertEquals(1, retention.prune(), "only the old post with a link");
        Entry pruned = entry(site + "/fosdem-2024");
        assertNull(pruned.contentHtml);
        assertNull(pruned.summary);
        assertNull(pruned.conferenceEvidence);
        assertNotNull(pruned.prunedAt);
        assertEquals(before.dedupeKey, pruned.dedupeKey);
        assertEquals(before.contentHash, pruned.contentHash);
        assertEquals(before.contentFingerprint, pruned.contentFingerprint);
        assertEquals("FOSDEM 2024: what I saw", pruned.title);
        assertEquals("https://" + site + "/fosdem-2024", pruned.url);
        assertTrue(pruned.changedAt.isAfter(before.changedAt), "the feeds' caches learn of it");
        Entry fresh = entry(site + "/recent");
        assertNotNull(fresh.contentHtml);
        assertNull(fresh.prunedAt);
        Entry linkless = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find("title", "An old post without a link on " + site).firstResult());
        assertTrue(linkless.contentHtml.contains("The only copy"), "a post without a link keeps its text");
        assertNull(linkless.prunedAt);
        assertEquals(0, retention.prune(), "nothing left to prune");

        // served title-only with its link, in feeds that still validate, and /entries says why it has no text
        List<Map<String, Object>> listed = given().queryParam("limit", 500).when().get("/entries").then().statusCode(200)
                .extract().jsonPath().getList("entries");
        Map<String, Object> shown = listed.stream().filter(e -> pruned.id.equals(((Number) e.get("id")).longValue())).findFirst().orElseThrow();
        assertNotNull(shown.get("textPrunedAt"));
        assertNull(shown.get("contentHtml"));
        assertEquals("https://" + site + "/fosdem-2024", shown.get("url"));
        assertTrue(listed.stream().filter(e -> "A recent post".equals(e.get("title"))).allMatch(e -> e.get("textPrunedAt") == null));
        byte[] atom = given().when().get("/feed.atom").then().statusCode(200).extract().asByteArray();
        assertEquals(List.of(), AtomValidator.problems(atom));
        String atomText = new String(atom, StandardCharsets.UTF_8);
        assertTrue(atomText.contains("FOSDEM 2024: what I saw") && atomText.contains("https://" + site + "/fosdem-2024"));
        assertTrue(!atomText.contains("waffles"), "no text left to serve");
        byte[] json = given().when().get("/feed.json").then().statusCode(200).extract().asByteArray();
        assertEquals(List.of(), JsonFeedValidator.problems(json));

        // the feed carries the old post again, edited, and a second blog carries it with the full text
        server.route("/retention/blog.rss", Reply.ok(withLinklessItem(Rss.feed("Retained blog").site("https://" + site + "/")
                .item("FOSDEM 2024: what I saw (edited)", "https://" + site + "/fosdem-2024", old, "<p>Edited report, waffles included.</p>")
                .item("A recent post", "https://" + site + "/recent", recent, "<p>Fresh text.</p>")
                .bytes(), "An old post without a link on " + site, old), Fixtures.RSS));
        server.route("/retention/planet.rss", Reply.ok(Rss.feed("Planet").site("https://planet.example/")
                .item("FOSDEM 2024: what I saw", "https://" + site + "/fosdem-2024?utm_source=planet", old,
                        "<p>Long report about Brussels, talks and waffles, and much more text than the blog had.</p>")
                .bytes(), Fixtures.RSS));
        feeds.follow(server.url("/retention/blog.rss"), server.url("/retention/planet.rss"));
        feeds.pollAll();
        assertEquals(stored, entries(), "not stored again");
        Entry after = entry(site + "/fosdem-2024");
        assertEquals(pruned.id, after.id);
        assertNull(after.contentHtml, "its text does not come back");
        assertNull(after.summary);
        assertEquals("FOSDEM 2024: what I saw", after.title);
        assertEquals(pruned.prunedAt, after.prunedAt);
        assertTrue(after.lastSeenAt.isAfter(pruned.lastSeenAt), "seen again, as any post");
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.entryId", after.id)), "both feeds' sightings kept");
    }

    @Test
    void anotherInstanceHoldingThePruningLeaseIsLeftToIt() {
        QuarkusTransaction.requiringNew().run(() -> {
            JobLease job = JobLease.findById(EntryRetention.JOB);
            if (job == null) {
                job = new JobLease();
                job.name = EntryRetention.JOB;
                job.persist();
            }
            job.leaseOwner = "another-instance";
            job.leaseUntil = Instant.now().plus(1, ChronoUnit.MINUTES);
        });
        try {
            assertEquals(-1, retention.prune());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> JobLease.update("leaseOwner = null, leaseUntil = null where name = ?1", EntryRetention.JOB));
        }
    }
}
