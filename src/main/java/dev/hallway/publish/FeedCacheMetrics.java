package dev.hallway.publish;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** hallway.feed.cache{result=hit|miss}: read from the counts the Atom feed cache keeps anyway, at scrape time. */
@Startup
@ApplicationScoped
public class FeedCacheMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    AtomFeeds feeds; // held here: a function counter keeps only a weak reference to what it reads

    @PostConstruct
    void register() {
        FunctionCounter.builder("hallway.feed.cache", feeds, AtomFeeds::cacheHits)
                .description("Atom feed pages answered from the render cache (hit) or rendered (miss)")
                .tag("result", "hit").register(registry);
        FunctionCounter.builder("hallway.feed.cache", feeds, AtomFeeds::cacheMisses)
                .description("Atom feed pages answered from the render cache (hit) or rendered (miss)")
                .tag("result", "miss").register(registry);
    }
}
