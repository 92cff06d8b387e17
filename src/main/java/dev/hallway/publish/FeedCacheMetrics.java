package dev.hallway.publish;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.ToDoubleFunction;

/**
 * hallway.feed.cache{result=hit|miss|render} (Atom and JSON feed pages) and hallway.page.cache{result=…} (the home page,
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
    FeedCache feeds; // held here (with their caches): a function counter keeps only a weak reference to what it reads
    @Inject
    PageCache pages;

    @PostConstruct
    void register() {
        String feedHelp = "Atom and JSON feed pages answered from the render cache (hit) or not (miss), and pages rendered (render)";
        counters("hallway.feed.cache", feedHelp, feeds.cache());
        String pageHelp = "Home and conference pages and JSON answered from the render cache (hit) or not (miss), and renders";
        counters("hallway.page.cache", pageHelp, pages.cache());
    }

    private void counters(String name, String help, RenderCache cache) {
        counter(name, help, cache, "hit", RenderCache::hits);
        counter(name, help, cache, "miss", RenderCache::misses);
        counter(name, help, cache, "render", RenderCache::renders);
    }

    private void counter(String name, String help, RenderCache cache, String result, ToDoubleFunction<RenderCache> count) {
        FunctionCounter.builder(name, cache, count).description(help).tag("result", result).register(registry);
    }
}
