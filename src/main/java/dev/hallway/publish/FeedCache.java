package dev.hallway.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/** The rendered feed pages, most recently used kept, each valid for the entry version it was rendered at. */
final class FeedCache {

    private static final int MAX_PAGES = 512;

    private final Map<String, RenderedFeed> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RenderedFeed> eldest) {
            return size() > MAX_PAGES;
        }
    };
    private long hits;
    private long misses;

    synchronized RenderedFeed get(String key, String version) {
        RenderedFeed feed = pages.get(key);
        if (feed != null && feed.version().equals(version)) {
            hits++;
            return feed;
        }
        misses++;
        return null;
    }

    synchronized void put(String key, RenderedFeed feed) {
        pages.put(key, feed);
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
