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
import org.junit.jupiter.api.Test;

import java.time.Duration;
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
}
