package dev.hallway.publish;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * hallway.feed.cache{result=hit|miss|render} (Atom and JSON feed pages) and hallway.page.cache{result=…} (the home page,
 * conference pages and JSON): read from the counts the render caches keep anyway, at scrape time. A miss is a
 * request that found no current page; render counts the renders, one per page and version however many requests
 * missed it at once.
 * <p>
 * hallway.cached.answers{body=sendfile|read_back|memory}: how the body of a 200 from those caches went — by sendfile
 * from the page's file, read back from the file on a worker (HTTP/2, TLS, a client asking for deflate or br alone),
 * or from memory (the render could not write its file) — and hallway.cached.sendfile.bytes, the body bytes sent by
 * sendfile. Vert.x's network metric http.server.bytes.written counts those bytes too (its channel handler counts a file
 * region as it counts a buffer).
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
    @Inject
    CachedRoutes routes;
    private CachedRoutes.AnswerCounts answers; // held here for the same reason

    @PostConstruct
    void register() {
        String feedHelp = "Atom and JSON feed pages answered from the render cache (hit) or not (miss), and pages rendered (render)";
        counters("hallway.feed.cache", feedHelp, feeds.cache());
        String pageHelp = "Home and conference pages and JSON answered from the render cache (hit) or not (miss), and renders";
        counters("hallway.page.cache", pageHelp, pages.cache());
        String answersHelp = "Cached feeds and pages answered 200 with a body: by sendfile from the page's file, read back"
                + " from it on a worker (HTTP/2, TLS, deflate or br alone), or from memory (no file could be written)";
        answers = routes.answerCounts();
        answers(answersHelp, "sendfile", answers.sentByFile());
        answers(answersHelp, "read_back", answers.readBack());
        answers(answersHelp, "memory", answers.sentFromMemory());
        FunctionCounter.builder("hallway.cached.sendfile.bytes", answers.sentByFileBytes(), LongAdder::sum)
                .description("Body bytes of cached feeds and pages sent by sendfile").baseUnit("bytes").register(registry);
    }

    private void answers(String help, String body, LongAdder count) {
        FunctionCounter.builder("hallway.cached.answers", count, LongAdder::sum).description(help).tag("body", body).register(registry);
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
