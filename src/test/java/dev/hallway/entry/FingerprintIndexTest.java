package dev.hallway.entry;

import dev.hallway.normalize.NormalizedEntry;
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

import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class FingerprintIndexTest {

    @Inject
    TestFeeds feeds;
    @Inject
    FingerprintIndex index;
    @Inject
    SyndicationMatcher matcher;

    private final FeedServer server = FeedServerResource.server();

    /** A post long enough to have a fingerprint, different for every seed. */
    private static String longPost(long seed) {
        String[] words = {"conference", "talk", "speaker", "hallway", "track", "keynote", "room", "slides", "demo",
                "question", "coffee", "badge", "sponsor", "booth", "workshop", "lunch", "schedule", "video"};
        Random rnd = new Random(seed);
        StringBuilder html = new StringBuilder("<p>");
        for (int i = 0; i < 400; i++) {
            html.append(words[rnd.nextInt(words.length)]).append(i % 15 == 14 ? ".</p><p>" : " ");
        }
        return html.append("</p>").toString();
    }

    private Entry storeOnePost(String path, long seed) {
        server.route(path, Reply.ok(Rss.feed("F" + seed).item("Post " + seed, "https://fingerprints.example" + path + "/post",
                "Mon, 03 Feb 2025 10:00:00 GMT", longPost(seed)).bytes(), Fixtures.RSS));
        String url = server.url(path);
        feeds.follow(url);
        feeds.poll(url);
        return QuarkusTransaction.requiringNew().call(() ->
                Entry.<Entry>find("canonicalUrl like ?1", "%fingerprints.example" + path + "/post").firstResult());
    }

    @Test
    void postsAnotherInstanceStoredAreFoundOnceItsIndexReloads() throws Exception {
        FingerprintIndex otherInstance = new FingerprintIndex(); // an index this instance's stores never tell
        Entry first = storeOnePost("/fingerprints/first.rss", 1);
        assertNotEquals(0, first.contentFingerprint);
        assertEquals(List.of(first.id), otherInstance.near(first.contentFingerprint), "its first lookup reads the table");

        Entry second = storeOnePost("/fingerprints/second.rss", 2);
        assertEquals(List.of(second.id), index.near(second.contentFingerprint), "this instance knows its own posts at once");
        assertEquals(List.of(), otherInstance.near(second.contentFingerprint), "the other has not reloaded yet");
        Thread.sleep(FingerprintIndex.MIN_RELOAD_MILLIS + 200);
        assertEquals(List.of(second.id), otherInstance.near(second.contentFingerprint), "and has after the reload interval");
    }

    @Test
    void aSlotWhoseRowIsGoneOrChangedMatchesNothing() {
        Entry stored = storeOnePost("/fingerprints/third.rss", 3);
        long unknown = stored.contentFingerprint ^ 0b101; // 2 bits from a stored post: "the same content"
        index.add(-42L, unknown); // a rolled-back insert left this slot behind
        NormalizedEntry item = new NormalizedEntry("k", "https://elsewhere.example/copy",
                "https://elsewhere.example/copy", "g", "A copy", List.of(), Instant.parse("2025-02-03T10:00:00Z"), Instant.parse("2025-02-03T10:00:00Z"),
                false, false, null, List.of(), "s", "<p>x</p>", "h", unknown, "x");
        assertTrue(index.near(unknown).contains(-42L));
        Entry original = QuarkusTransaction.requiringNew().call(() -> matcher.original(item, id -> Entry.findById(id)));
        assertEquals(stored.id, original == null ? null : original.id, "the slot without a row is skipped, the real post found");

        NormalizedEntry farApart = new NormalizedEntry("k2", "https://elsewhere.example/old",
                "https://elsewhere.example/old", "g2", "Old", List.of(), Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2023-01-01T00:00:00Z"),
                false, false, null, List.of(), "s", "<p>x</p>", "h", unknown, "x");
        assertNull(QuarkusTransaction.requiringNew().call(() -> matcher.original(farApart, id -> Entry.findById(id))), "published two years apart");
    }

    @Test
    void aReloadReadsEveryRowOfALargeTableIntoArraysSizedForIt() {
        Entry anchor = storeOnePost("/fingerprints/anchor.rss", 4);
        int rows = 2_500; // more than the arrays' first capacity (1,024): they grow while the rows stream in
        Instant t = Instant.parse("2025-02-03T10:00:00Z");
        try {
            QuarkusTransaction.requiringNew().run(() -> Entry.getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
                try (var entry = c.prepareStatement("insert into entry (id, dedupe_key, canonical_url, source_id, title, published_at,"
                        + " updated_at, date_missing, date_clamped, content_hash, first_seen_at, last_seen_at, changed_at)"
                        + " values (?, ?, ?, ?, 'x', ?, ?, false, false, 'h', ?, ?, ?)");
                     var fp = c.prepareStatement("insert into entry_fingerprint (entry_id, fingerprint, published_at) values (?, ?, ?)")) {
                    for (int i = 1; i <= rows; i++) {
                        entry.setLong(1, -i);
                        entry.setString(2, "fingerprint-reload-" + i);
                        entry.setString(3, "https://reload.example/" + i);
                        entry.setLong(4, anchor.sourceId);
                        for (int col = 5; col <= 9; col++) {
                            entry.setObject(col, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
                        }
                        entry.addBatch();
                        fp.setLong(1, -i);
                        fp.setLong(2, 0x9E3779B97F4A7C15L * i); // far apart from each other and from the anchor
                        fp.setObject(3, java.time.OffsetDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
                        fp.addBatch();
                    }
                    entry.executeBatch();
                    fp.executeBatch();
                }
            }));
            FingerprintIndex fresh = new FingerprintIndex();
            assertEquals(List.of(-1_234L), fresh.near(0x9E3779B97F4A7C15L * 1_234), "a row read after the arrays grew");
            assertEquals(List.of(anchor.id), fresh.near(anchor.contentFingerprint));
            assertTrue(fresh.size() >= rows + 1, "every row: " + fresh.size());
            assertTrue(fresh.bytes() >= 16L * fresh.size() && fresh.bytes() <= 16L * (fresh.size() * 5 / 4 + 1024),
                    "room to grow, no more: " + fresh.bytes() + " bytes for " + fresh.size());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                EntryFingerprint.delete("entryId < 0");
                Entry.delete("id < 0");
            });
        }
    }
}
