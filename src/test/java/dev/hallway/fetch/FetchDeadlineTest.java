package dev.hallway.fetch;

import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fetch runs on the caller's thread ({@code HttpClient.send}) yet keeps its hard deadline
 * (hallway.fetch.request-timeout, 3 s in tests) for the body too, and starts no thread per request.
 */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class FetchDeadlineTest {

    private static final long TIMEOUT_MS = 3_000;

    @Inject
    FeedFetcher fetcher;

    private final FeedServer server = FeedServerResource.server();

    @Test
    void aServerThatDribblesTheBodyIsCutAtTheDeadline() {
        byte[] body = new byte[10_000]; // a byte every 50 ms: 500 s to send it all
        Arrays.fill(body, (byte) ' ');
        server.route("/deadline/dribble.rss", Reply.ok(body, Fixtures.RSS).dribbled(Duration.ofMillis(50)));

        assertCutAtTheDeadline("/deadline/dribble.rss");
    }

    @Test
    void anErrorBodyThatIsDroppedUnreadIsCutAtTheDeadlineToo() {
        byte[] body = new byte[10_000];
        Arrays.fill(body, (byte) 'x');
        server.route("/deadline/error.rss", new Reply(500, java.util.Map.of("Content-Type", "text/plain"), body,
                Duration.ZERO, Duration.ofMillis(50)));

        assertCutAtTheDeadline("/deadline/error.rss");
    }

    @Test
    void aServerThatHoldsItsHeadersIsCutAtTheDeadline() {
        server.route("/deadline/hang.rss", Reply.ok(Fixtures.bytes("seeds/duchess-france.rdf"), Fixtures.RDF)
                .after(Duration.ofSeconds(20)));
        long t0 = System.nanoTime();
        FetchException e = assertThrows(FetchException.class,
                () -> fetcher.fetch(new FetchRequest(server.url("/deadline/hang.rss"), null, null)));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("timed out after 3 s (hallway.fetch.request-timeout)", e.getMessage());
        assertTrue(tookMs >= TIMEOUT_MS - 100 && tookMs < TIMEOUT_MS + 2_000, "took " + tookMs + " ms");
    }

    @Test
    void twoHundredFetchesStartNoThreadEach() throws FetchException {
        server.serveWithValidators("/deadline/unchanged.rss", Fixtures.bytes("seeds/duchess-france.rdf"), Fixtures.RDF,
                "\"v1\"", "Thu, 03 Dec 2026 07:00:00 GMT");
        FetchRequest conditional = new FetchRequest(server.url("/deadline/unchanged.rss"), "\"v1\"", null);
        for (int i = 0; i < 5; i++) { // the client's pool and the server's handler threads, once
            assertEquals(304, fetcher.fetch(conditional).status());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 200; i++) {
            assertEquals(304, fetcher.fetch(conditional).status());
        }

        long started = threads.getTotalStartedThreadCount() - before;
        // sendAsync handed each response to the common pool, which on 2 CPUs is a new thread per task: 200 or more
        assertTrue(started < 20, started + " threads started in this JVM during 200 fetches");
    }

    private void assertCutAtTheDeadline(String path) {
        long t0 = System.nanoTime();
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(new FetchRequest(server.url(path), null, null)));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("timed out after 3 s (hallway.fetch.request-timeout)", e.getMessage());
        assertTrue(tookMs >= TIMEOUT_MS - 100 && tookMs < TIMEOUT_MS + 2_000, "took " + tookMs + " ms");
        // and the connection is closed, not left for the server to go on dribbling into
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            List<FeedServer.Dribbled> ends = server.dribbled().stream().filter(d -> d.path().equals(path)).toList();
            if (!ends.isEmpty()) {
                assertTrue(ends.get(0).clientClosed(), ends.toString());
                return;
            }
            sleep(50);
        }
        fail("the server was still sending " + path + " 5 s after the fetch gave up");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
