package dev.hallway.publish;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The render cache: one render per key and version however many ask at once; a new version renders again. */
class RenderCacheTest {

    private static Rendered page(String text, String version) {
        return Rendered.page(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), PageCache.JSON, version, null);
    }

    @Test
    void concurrentMissesRenderOnceAndTheOthersWaitForIt() throws Exception {
        RenderCache cache = new RenderCache();
        AtomicInteger renders = new AtomicInteger();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Rendered>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get("all#1", "v1", () -> {
                        renders.incrementAndGet();
                        sleep(300); // long enough for every caller to arrive while it renders
                        return page("feed", "v1");
                    });
                }));
            }
            start.countDown();
            Rendered first = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<Rendered> result : results) {
                assertSame(first, result.get(10, TimeUnit.SECONDS), "every caller gets the one render");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, renders.get());
        assertEquals(1, cache.renders());
        assertEquals(callers, cache.misses() + cache.hits(), "each caller was answered from the one render");
    }

    @Test
    void aNewVersionRendersAgainAndPeekNeverRenders() {
        RenderCache cache = new RenderCache();
        Rendered v1 = cache.get("k", "v1", () -> page("one", "v1"));
        assertSame(v1, cache.peek("k", "v1"));
        assertNull(cache.peek("k", "v2"), "an older version is not served");
        Rendered v2 = cache.get("k", "v2", () -> page("two", "v2"));
        assertSame(v2, cache.peek("k", "v2"));
        assertEquals(2, cache.renders());
        assertEquals(2, cache.hits());
    }

    @Test
    void aFailedRenderFailsItsCallersAndIsNotCached() {
        RenderCache cache = new RenderCache();
        assertThrows(IllegalStateException.class, () -> cache.get("k", "v1", () -> {
            throw new IllegalStateException("page 9 does not exist");
        }));
        assertNull(cache.peek("k", "v1"));
        assertEquals(0, cache.renders());
        assertEquals("ok", new String(cache.get("k", "v1", () -> page("ok", "v1")).body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void keepsTheMostRecentlyUsedPagesWithinItsByteBudget() {
        // each page holds its 1,000 bytes and their gzip form once, ~1 KB: 2,500 bytes keep two
        RenderCache cache = new RenderCache(2_500);
        String kilobyte = "x".repeat(1_000);
        long held = page(kilobyte, "v1").bytesHeld();
        assertTrue(held > 1_000 && held < 1_250, "held " + held);
        for (String key : List.of("p1", "p2", "p3")) {
            cache.get(key, "v1", () -> page(kilobyte, "v1"));
        }
        assertNull(cache.peek("p1", "v1"), "the least recently used page went");
        assertEquals(2, cache.size());
        assertEquals(2 * held, cache.bytes());
        cache.get("p4", "v1", () -> page(kilobyte, "v1"));
        assertNull(cache.peek("p2", "v1"));
        assertEquals(List.of(true, true), List.of(cache.peek("p3", "v1") != null, cache.peek("p4", "v1") != null));
        cache.get("p3", "v2", () -> page("small", "v2")); // a new version replaces the slot and its bytes
        assertEquals(held + page("small", "v2").bytesHeld(), cache.bytes());
        cache.get("huge", "v1", () -> page("y".repeat(10_000), "v1"));
        assertEquals(1, cache.size(), "a page over the whole budget is kept alone, the others give way");
        assertEquals(page("y".repeat(10_000), "v1").bytesHeld(), cache.bytes());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
