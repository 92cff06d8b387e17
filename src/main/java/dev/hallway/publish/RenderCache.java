package dev.hallway.publish;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Rendered responses (feed pages, HTML pages, JSON), each valid for the entry version it was rendered at, the most
 * recently used kept. A lookup takes no lock (event loops read it); a miss renders once per key and version, and
 * every other request for it waits for that render.
 */
final class RenderCache {

    private static final int MAX_PAGES = 512;

    /** A cached response and when it was last used (written without ordering: only eviction reads it). */
    private static final class Slot {
        final Rendered rendered;
        long lastUsed;

        Slot(Rendered rendered, long lastUsed) {
            this.rendered = rendered;
            this.lastUsed = lastUsed;
        }
    }

    private final Map<String, Slot> pages = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Rendered>> rendering = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong(); // use order, for eviction
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder renders = new LongAdder();

    /** The cached response for this version, counted as a hit or a miss. */
    Rendered get(String key, String version) {
        Rendered found = peek(key, version);
        if (found == null) {
            misses.increment();
        }
        return found;
    }

    /** The cached response for this version, counted as a hit when there is one (a miss is counted where it is rendered). */
    Rendered peek(String key, String version) {
        Slot slot = pages.get(key);
        if (slot != null && slot.rendered.version().equals(version)) {
            slot.lastUsed = clock.get();
            hits.increment();
            return slot.rendered;
        }
        return null;
    }

    /**
     * The cached response, else renders it: one render per key and version at a time, the other callers wait for it
     * (blocking: call on a worker). A render that fails fails for every caller waiting on it, and is not cached.
     */
    Rendered get(String key, String version, Supplier<Rendered> render) {
        Rendered cached = get(key, version);
        if (cached != null) {
            return cached;
        }
        String flight = key + '\n' + version;
        CompletableFuture<Rendered> mine = new CompletableFuture<>();
        CompletableFuture<Rendered> running = rendering.putIfAbsent(flight, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Rendered fresh = render.get();
            renders.increment();
            put(key, fresh);
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(flight, mine);
        }
    }

    void put(String key, Rendered rendered) {
        pages.put(key, new Slot(rendered, clock.incrementAndGet()));
        if (pages.size() > MAX_PAGES) {
            evictLeastRecentlyUsed();
        }
    }

    private void evictLeastRecentlyUsed() {
        while (pages.size() > MAX_PAGES) {
            String oldest = null;
            long oldestUse = Long.MAX_VALUE;
            for (Map.Entry<String, Slot> e : pages.entrySet()) {
                if (e.getValue().lastUsed < oldestUse) {
                    oldestUse = e.getValue().lastUsed;
                    oldest = e.getKey();
                }
            }
            if (oldest == null) {
                return;
            }
            pages.remove(oldest);
        }
    }

    long hits() {
        return hits.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** Renders done (each miss of a key and version renders once, however many requests waited for it). */
    long renders() {
        return renders.sum();
    }
}
