package dev.hallway.entry;

import dev.hallway.common.Hashing;
import dev.hallway.normalize.ContentFingerprint;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13 item 2: a poll's new posts, their fingerprints and sightings are written in one JDBC batch per table, and
 * posts seen again in one batch per table, with the dedupe lookup as the only read; Hibernate writes none of it.
 */
@QuarkusTest
class BatchedWritesTest {

    @Inject
    TestFeeds feeds;
    @Inject
    EntryStore store;
    @Inject
    SessionFactory sessions;

    @AfterEach
    void statisticsOff() {
        sessions.getStatistics().setStatisticsEnabled(false);
    }

    private long source(String name) {
        String url = "http://127.0.0.1:9/batched/" + name + ".rss";
        feeds.follow(url);
        return feeds.source(url).id;
    }

    /** Posts with texts long enough to fingerprint, and unlike each other. */
    private static List<NormalizedEntry> posts(String prefix, int n, Instant at) {
        Random random = new Random(prefix.hashCode());
        List<NormalizedEntry> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 200; w++) {
                text.append("word").append(random.nextInt(5000)).append(' ');
            }
            String url = "https://batched.example/" + prefix + "/" + i;
            String html = "<p>" + text + "</p>";
            posts.add(new NormalizedEntry(Hashing.sha256Hex(url.getBytes()), url.substring(8), url, url, prefix + " post " + i,
                    List.of("Ada"), at.minus(i, ChronoUnit.HOURS), at.minus(i, ChronoUnit.HOURS), false, false, "en",
                    List.of("notes"), text.substring(0, 100), html, Hashing.sha256Hex(html.getBytes()),
                    ContentFingerprint.of(text.toString()), text.toString()));
        }
        return posts;
    }

    private Statistics counting() {
        Statistics stats = sessions.getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        return stats;
    }

    @Test
    void aPollOfFortyNewPostsWritesEachTableInOneBatchAndASecondPollTouchesThemInOneBatchPerTable() {
        long source = source("forty");
        Instant first = Instant.parse("2026-03-02T10:00:00Z");
        List<NormalizedEntry> posts = posts("forty", 40, first);
        posts.forEach(p -> assertNotEquals(0L, p.fingerprint(), "long enough to fingerprint"));

        Statistics stats = counting();
        EntryStore.Result stored = store.store(source, null, "https://batched.example/", posts, first);

        assertEquals(40, stored.added());
        assertEquals(3, stored.writeStatements(), "entries, fingerprints, sightings: one batch each");
        assertEquals(0, stats.getEntityInsertCount(), "no row goes through the persistence context");
        assertTrue(stats.getPrepareStatementCount() <= 3,
                "the dedupe lookup and the id sequence only: " + stats.getPrepareStatementCount());
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>list("sourceId", source).stream()
                .map(e -> e.id).toList());
        assertEquals(40, ids.size());
        assertEquals(40L, QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.sourceId", source)));
        assertEquals(40L, QuarkusTransaction.requiringNew().call(() -> EntryFingerprint.count("entryId in ?1", ids)));

        Instant second = first.plus(30, ChronoUnit.MINUTES);
        stats = counting();
        EntryStore.Result again = store.store(source, null, "https://batched.example/", posts, second);

        assertEquals(0, again.added() + again.updated());
        assertEquals(2, again.writeStatements(), "entries and sightings seen again: one batch each");
        assertEquals(1, stats.getPrepareStatementCount(), "one query reads what dedupe needs");
        assertEquals(0, stats.getEntityLoadCount(), "no post is loaded as an entity to be seen again");
        List<Entry> rows = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>list("sourceId", source));
        rows.forEach(e -> {
            assertEquals(second, e.lastSeenAt);
            assertEquals(first, e.firstSeenAt);
            assertEquals(1, e.rowVersion, "seen again is a write: its version moves on");
        });
        List<Sighting> sightings = QuarkusTransaction.requiringNew().call(() -> Sighting.<Sighting>list("key.sourceId", source));
        sightings.forEach(s -> {
            assertEquals(first, s.firstSeenAt);
            assertEquals(second, s.lastSeenAt);
        });
    }

    @Test
    void aCopyOfAPostEarlierInTheSamePollIsAnAliasOfTheRowTheBatchInserts() {
        long source = source("copies");
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        NormalizedEntry original = posts("copies", 1, at).get(0);
        String copyUrl = "https://elsewhere.example/copies/0";
        NormalizedEntry copy = new NormalizedEntry(Hashing.sha256Hex(copyUrl.getBytes()), copyUrl.substring(8), copyUrl, copyUrl,
                "Reposted: " + original.title(), original.authors(), at, at, false, false, "en", List.of(), original.summary(),
                original.contentHtml(), original.contentHash(), original.fingerprint(), original.text());

        EntryStore.Result stored = store.store(source, null, null, List.of(original, copy), at);

        assertEquals(1, stored.added(), "the copy is the same post");
        Entry entry = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find("sourceId", source).singleResult());
        EntryAlias alias = QuarkusTransaction.requiringNew().call(() -> EntryAlias.<EntryAlias>findById(copy.dedupeKey()));
        assertEquals(entry.id, alias.entryId);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Sighting.count("key.sourceId", source)), "one sighting per post");
        assertEquals(0, store.store(source, null, null, List.of(original, copy), at.plusSeconds(60)).added(),
                "both found again: by its own key and by its alias");
    }

    @Test
    void aPostSeenAgainWhoseRowMovedOnSinceItWasReadFailsAsAStaleRow() {
        long source = source("stale");
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        store.store(source, null, null, posts("stale", 1, at), at);
        Entry stored = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find("sourceId", source).singleResult());
        QuarkusTransaction.requiringNew().run(() -> Entry.<Entry>findById(stored.id).title = "pinned meanwhile"); // version 0 -> 1

        EntryBatch batch = new EntryBatch(at.plusSeconds(60));
        batch.seenAgain(stored.id, stored.rowVersion, null, null);
        RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () ->
                QuarkusTransaction.requiringNew().run(() -> batch.write(Entry.getEntityManager(), source, java.util.Map.of())));

        assertTrue(dev.hallway.common.SqlErrors.isStaleRow(failure), () -> "a stale row, which EntryStore reads again: " + failure);
        Entry now = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>findById(stored.id));
        assertEquals("pinned meanwhile", now.title);
        assertEquals(at, now.lastSeenAt, "nothing written");
    }

    @Test
    void aPostsOverlongFieldsAreCutToTheirColumnsByTheBatchInsert() {
        long source = source("overlong");
        Instant at = Instant.parse("2026-03-02T10:00:00Z");
        String url = "https://batched.example/overlong/" + "x".repeat(5000);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tags.add("tag" + i);
        }
        NormalizedEntry post = new NormalizedEntry(Hashing.sha256Hex(url.getBytes()), url.substring(8), url, "g".repeat(3000),
                "T".repeat(3000), List.of("A".repeat(5000)), at, at, false, false, "x".repeat(40), tags, "s".repeat(5000),
                "<p>text</p>", Hashing.sha256Hex(url.getBytes()), 0, "text");

        assertEquals(1, store.store(source, null, null, List.of(post), at).added());

        Entry e = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find("sourceId", source).firstResult());
        assertNull(e.url, "a URL too long for its column is dropped, not cut");
        assertEquals(4096, e.canonicalUrl.length());
        assertEquals(2048, e.title.length());
        assertNull(e.language);
        assertEquals(4000, e.summary.length());
        assertTrue(String.join("\n", e.tags).length() <= 4000 && e.tags.size() > 100, "as many tags as fit");
        assertEquals(4000, e.authors.get(0).length());
        Sighting s = QuarkusTransaction.requiringNew().call(() -> Sighting.<Sighting>find("key.sourceId", source).firstResult());
        assertEquals(2048, s.guid.length());
        assertNull(s.url);
    }

    @Test
    void theBatchInsertWritesEveryColumnOfTheEntryTable() {
        @SuppressWarnings("unchecked")
        List<String> columns = QuarkusTransaction.requiringNew().call(() -> Entry.getEntityManager().createNativeQuery(
                "select column_name from information_schema.columns where table_name = 'entry' and table_schema = current_schema")
                .getResultList());
        Set<String> inTable = new HashSet<>();
        columns.forEach(c -> inTable.add(c.toLowerCase(java.util.Locale.ROOT)));
        assertEquals(inTable, Set.copyOf(EntryBatch.ENTRY_COLUMNS), "a column added by a migration must be written by EntryBatch");
    }
}
