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
 * recently used kept within a budget of bytes (not of pages: a feed page is ~400 KB with its gzip form, a JSON page a
 * few KB, and a crawler walking {@code ?page=N} would otherwise fill hundreds of slots). The bytes are in the pages'
 * files, once each ({@link Rendered}): what the budget bounds is disk (or tmpfs) and the kernel's page cache, not the
 * heap. A lookup takes no lock (event loops
 * read it); a miss renders once per key and version, and every other request for it waits for that render.
 */
final class RenderCache {

    /** Also a bound on the number of pages, whatever their size (the eviction scan is linear). */
    private static final int MAX_PAGES = 512;
    /** The default budget (hallway.feed.cache-size). */
    static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

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
    /** Sum of {@link Rendered#bytesHeld()} over the slots: an estimate under concurrent puts, corrected by eviction. */
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    RenderCache() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes what the cached pages may hold: both forms of each, once (in their files, served with sendfile) */
    RenderCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

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
        Slot previous = pages.put(key, new Slot(rendered, clock.incrementAndGet()));
        bytes.addAndGet(rendered.bytesHeld() - (previous == null ? 0 : previous.rendered.bytesHeld()));
        if (previous != null && previous.rendered != rendered) {
            previous.rendered.release(); // its files go once the answers still sending them are done
        }
        if (pages.size() > MAX_PAGES || bytes.get() > maxBytes) {
            evictLeastRecentlyUsed(key);
        }
    }

    /** Down to the budget, least recently used first; the page just stored stays even when it alone is over it. */
    private synchronized void evictLeastRecentlyUsed(String keep) {
        while (pages.size() > MAX_PAGES || bytes.get() > maxBytes) {
            String oldest = null;
            long oldestUse = Long.MAX_VALUE;
            for (Map.Entry<String, Slot> e : pages.entrySet()) {
                if (e.getValue().lastUsed < oldestUse && !e.getKey().equals(keep)) {
                    oldestUse = e.getValue().lastUsed;
                    oldest = e.getKey();
                }
            }
            if (oldest == null) {
                return;
            }
            Slot gone = pages.remove(oldest);
            if (gone != null) {
                bytes.addAndGet(-gone.rendered.bytesHeld());
                gone.rendered.release();
            }
        }
    }

    /** What the cached pages hold (in their files; in memory for a page whose file could not be written). */
    long bytes() {
        return bytes.get();
    }

    int size() {
        return pages.size();
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
