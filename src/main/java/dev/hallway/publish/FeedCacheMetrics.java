package dev.hallway.publish;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.ToDoubleFunction;

/**
 * hallway.feed.cache{result=hit|miss|render} (Atom feed pages) and hallway.page.cache{result=…} (the home page,
 * conference pages and JSON): read from the counts the render caches keep anyway, at scrape time. A miss is a
 * request that found no current page; render counts the renders, one per page and version however many requests
 * missed it at once.
 */
@Startup
@ApplicationScoped
public class FeedCacheMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    AtomFeeds feeds; // held here: a function counter keeps only a weak reference to what it reads
    @Inject
    PageCache pages;

    @PostConstruct
    void register() {
        String feedHelp = "Atom feed pages answered from the render cache (hit) or not (miss), and pages rendered (render)";
        counter("hallway.feed.cache", feedHelp, feeds, "hit", AtomFeeds::cacheHits);
        counter("hallway.feed.cache", feedHelp, feeds, "miss", AtomFeeds::cacheMisses);
        counter("hallway.feed.cache", feedHelp, feeds, "render", AtomFeeds::cacheRenders);
        String pageHelp = "Home and conference pages and JSON answered from the render cache (hit) or not (miss), and renders";
        counter("hallway.page.cache", pageHelp, pages, "hit", PageCache::cacheHits);
        counter("hallway.page.cache", pageHelp, pages, "miss", PageCache::cacheMisses);
        counter("hallway.page.cache", pageHelp, pages, "render", PageCache::cacheRenders);
    }

    private <T> void counter(String name, String help, T source, String result, ToDoubleFunction<T> count) {
        FunctionCounter.builder(name, source, count).description(help).tag("result", result).register(registry);
    }
}
