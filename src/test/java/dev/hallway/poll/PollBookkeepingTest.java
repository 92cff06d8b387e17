package dev.hallway.poll;

import dev.hallway.source.Source;
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
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class PollBookkeepingTest {

    @Inject
    TestFeeds feeds;
    @Inject
    PollScheduler scheduler;
    @Inject
    SessionFactory sessions;

    private final FeedServer server = FeedServerResource.server();

    @Test
    void pollsEndingTogetherAreAllRecordedEvenWhenOneOfTheirWritesFails() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = "/bookkeeping/" + i + ".rss";
            // every answer comes after the same pause, so the six polls end together and share their writes
            server.route(path, Reply.ok(Rss.feed("B" + i).item("Post " + i, "https://bookkeeping.example/" + i,
                    "Mon, 03 Feb 2025 10:00:00 GMT", "<p>Text.</p>").bytes(), Fixtures.RSS).after(Duration.ofMillis(700)));
            urls.add(server.url(path));
        }
        feeds.follow(urls.toArray(String[]::new));
        List<Long> ids = urls.stream().map(u -> feeds.source(u).id).toList();

        List<CompletableFuture<PollOutcome>> polls = scheduler.pollNow(ids);
        // while they wait for the server, one feed's row disappears: its write must fail, and only its write
        long doomed = ids.get(2);
        QuarkusTransaction.requiringNew().run(() -> Source.delete("id", doomed));

        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == doomed) {
                CompletableFuture<PollOutcome> failed = polls.get(i);
                assertThrows(CompletionException.class, failed::join);
                continue;
            }
            assertEquals(PollResult.OK, polls.get(i).join().result());
            long id = ids.get(i);
            QuarkusTransaction.requiringNew().run(() -> {
                Source s = Source.findById(id);
                assertNotNull(s.lastPolledAt, "source " + id);
                assertNull(s.leaseOwner, "lease given back, source " + id);
                assertEquals(1, PollRecord.count("sourceId", id), "one poll record, source " + id);
            });
        }
        assertTrue(QuarkusTransaction.requiringNew().call(() -> PollRecord.count("sourceId", doomed)) == 0);
    }

    @Test
    void anUnchangedCycleIsRecordedWithoutLoadingOrUpdatingASourceEntity() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String path = "/bookkeeping/unchanged/" + i + ".rss";
            int n = i;
            // a 304 with a new ETag (kept), one with an ETag too long to keep (cleared), the others as the first answer
            server.route(path, request -> request.header("If-None-Match") == null
                    ? Reply.ok(Rss.feed("U" + n).item("Post " + n, "https://unchanged.example/" + n,
                    "Mon, 03 Feb 2025 10:00:00 GMT", "<p>Text.</p>").bytes(), Fixtures.RSS).withHeader("ETag", "\"1\"")
                    : Reply.of(304).withHeader("ETag", n == 0 ? "\"2\"" : n == 1 ? "\"" + "e".repeat(2000) + "\"" : "\"1\""));
            urls.add(server.url(path));
        }
        feeds.follow(urls.toArray(String[]::new));
        List<Long> ids = urls.stream().map(u -> feeds.source(u).id).toList();
        scheduler.pollNow(ids).forEach(CompletableFuture::join);

        Statistics stats = sessions.getStatistics();
        stats.setStatisticsEnabled(true);
        stats.clear();
        Instant before = Instant.now();
        try {
            scheduler.pollNow(ids).forEach(p -> assertEquals(PollResult.NOT_MODIFIED, p.join().result()));
            assertEquals(0, stats.getEntityStatistics(Source.class.getName()).getUpdateCount(), "no source through the entity");
            assertEquals(ids.size(), stats.getEntityStatistics(Source.class.getName()).getLoadCount(), "only the claim reads them");
            assertEquals(0, stats.getEntityStatistics(PollRecord.class.getName()).getInsertCount());
        } finally {
            stats.setStatisticsEnabled(false);
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            Source s = feeds.source(urls.get(i));
            assertEquals(304, s.lastHttpStatus);
            assertEquals(i == 0 ? "\"2\"" : i == 1 ? null : "\"1\"", s.etag, "source " + i);
            assertNull(s.leaseOwner, "lease given back");
            assertNull(s.leaseUntil);
            assertTrue(s.nextPollAt.isAfter(before.plus(Duration.ofMinutes(29))), "an interval on: " + s.nextPollAt);
            assertTrue(!s.lastSuccessAt.isBefore(before.minusSeconds(1)));
            List<PollRecord> records = QuarkusTransaction.requiringNew().call(() -> PollRecord.<PollRecord>list("sourceId = ?1 order by startedAt", id));
            assertEquals(2, records.size());
            assertEquals(PollResult.NOT_MODIFIED, records.get(1).result);
            assertEquals(304, records.get(1).httpStatus);
            assertNotNull(records.get(1).instance);
        }
    }
}
