package dev.hallway.publish;

import dev.hallway.entry.EntryChanges;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.RawRequests;
import dev.hallway.support.Seed;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cached feeds and pages are answered on the event loop, with the very answers the REST resources give (which still
 * answer what the event loop leaves to them); misses render once.
 */
@QuarkusTest
@TestProfile(AtomFeedTest.SmallPages.class)
@QuarkusTestResource(FeedServerResource.class)
class CachedRoutesTest {

    @Inject
    TestFeeds feeds;
    @Inject
    CachedRoutes routes;
    @Inject
    FeedCache atom;
    @Inject
    PageCache pages;
    @Inject
    EntryChanges changes;
    @TestHTTPResource("/")
    URL base;

    private final FeedServer server = FeedServerResource.server();
    private final HttpClient client = HttpClient.newHttpClient(); // sends no Accept-Encoding unless told

    @BeforeEach
    void pollTheSeeds() {
        feeds.follow(Seed.serve(server, "/cached/", Seed.BLOGS).toArray(String[]::new));
        feeds.pollAll();
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) {
        return RawRequests.send(client, base, method, path, headers);
    }

    /** Status, headers (but Content-Length: the resources stream some answers) and body, to compare two answers. */
    private static String answer(HttpResponse<byte[]> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("content-length");
        return response.statusCode() + " " + headers;
    }

    /** Requests `path` until one is answered from the cache on the event loop without a worker (a background job may empty the cache in between). */
    private HttpResponse<byte[]> fromTheEventLoop(String method, String path, String... headers) {
        for (int attempt = 0; attempt < 3; attempt++) {
            send(method, path, headers); // fills the cache, and checks the entry version against the database
            long onLoop = routes.answeredOnEventLoop();
            long toWorker = routes.handedToWorker();
            HttpResponse<byte[]> response = send(method, path, headers);
            if (routes.handedToWorker() == toWorker) {
                assertEquals(onLoop + 1, routes.answeredOnEventLoop(), path + " answered on an event loop thread");
                return response;
            }
        }
        throw new AssertionError(method + " " + path + " was never answered without a worker");
    }

    @Test
    void aCachedFeedAndIts304AreAnsweredOnTheEventLoopAsTheResourceAnswersThem() {
        assertAnsweredOnTheEventLoopAsTheResourceAnswers("/feed.atom");
    }

    @Test
    void aCachedJsonFeedAndIts304AreAnsweredOnTheEventLoopAsTheResourceAnswersThem() {
        assertAnsweredOnTheEventLoopAsTheResourceAnswers("/feed.json");
        assertAnsweredOnTheEventLoopAsTheResourceAnswers("/conferences/feed.json");
        assertEquals(200, fromTheEventLoop("GET", "/conferences/fosdem/feed.json?page=1").statusCode());
        assertEquals("application/feed+json; charset=utf-8",
                fromTheEventLoop("GET", "/conferences/fosdem/feed.json").headers().firstValue("content-type").orElse(""));
    }

    /** A feed, its 304s, its gzip form and HEAD, from the event loop, compared with the resource's answers. */
    private void assertAnsweredOnTheEventLoopAsTheResourceAnswers(String feed) {
        HttpResponse<byte[]> fast = fromTheEventLoop("GET", feed);
        assertEquals(200, fast.statusCode());
        // "?page=%201" is page 1 to the resource, and not a plain number to the event loop, which leaves it to the resource
        long onLoop = routes.answeredOnEventLoop();
        HttpResponse<byte[]> resource = send("GET", feed + "?page=%201");
        assertEquals(onLoop, routes.answeredOnEventLoop(), "the resource answered");
        assertEquals(answer(resource), answer(fast));
        assertArrayEquals(resource.body(), fast.body());
        assertEquals(List.of("Accept-Encoding"), fast.headers().allValues("vary"));
        assertTrue(fast.headers().firstValue("x-content-type-options").isPresent(), "the security headers are there");

        String etag = fast.headers().firstValue("etag").orElseThrow();
        String lastModified = fast.headers().firstValue("last-modified").orElseThrow();
        for (String[] conditional : List.of(new String[]{"If-None-Match", etag}, new String[]{"If-Modified-Since", lastModified})) {
            HttpResponse<byte[]> notModified = fromTheEventLoop("GET", feed, conditional);
            assertEquals(304, notModified.statusCode(), conditional[0]);
            assertEquals(answer(send("GET", feed + "?page=%201", conditional)), answer(notModified), conditional[0]);
        }
        HttpResponse<byte[]> changed = fromTheEventLoop("GET", feed, "If-None-Match", "\"an-older-version\"");
        assertEquals(200, changed.statusCode());

        HttpResponse<byte[]> gzip = fromTheEventLoop("GET", feed, "Accept-Encoding", "gzip");
        assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""));
        assertEquals(answer(send("GET", feed + "?page=%201", "Accept-Encoding", "gzip")), answer(gzip));
        assertEquals(304, fromTheEventLoop("GET", feed, "Accept-Encoding", "gzip",
                "If-None-Match", gzip.headers().firstValue("etag").orElseThrow()).statusCode());

        HttpResponse<byte[]> head = fromTheEventLoop("HEAD", feed);
        assertEquals(0, head.body().length);
        assertEquals(answer(send("HEAD", feed + "?page=%201")), answer(head));
    }

    @Test
    void whatTheEventLoopDoesNotHandleGoesToTheResource() {
        String etag = send("GET", "/feed.atom").headers().firstValue("etag").orElseThrow();
        assertEquals(412, send("GET", "/feed.atom", "If-Match", "\"something-else\"").statusCode());
        assertEquals(304, send("GET", "/feed.atom", "If-None-Match", "\"x\", " + etag).statusCode(), "a list of ETags");
        assertEquals(400, send("GET", "/feed.atom?page=two").statusCode());
        assertEquals(400, send("GET", "/feed.atom?page=99").statusCode(), "a render that fails");
        assertEquals(404, send("GET", "/conferences/no-such-conference/feed.atom").statusCode());
        assertEquals(404, send("GET", "/conferences/no-such-conference", "Accept", "text/html").statusCode());
        assertEquals(406, send("GET", "/conferences", "Accept", "image/png").statusCode());
        assertEquals(200, fromTheEventLoop("GET", "/conferences/fosdem/feed.atom?page=1").statusCode());
        // a JSON feed the event loop leaves alone reaches its resource (not the conference page named "feed.json")
        assertEquals(412, send("GET", "/conferences/feed.json", "If-Match", "\"something-else\"").statusCode());
        assertEquals(400, send("GET", "/feed.json?page=99").statusCode());
        assertEquals(404, send("GET", "/conferences/no-such-conference/feed.json").statusCode());
    }

    @Test
    void pagesAndTheirJsonAreCachedAndAnsweredAsTheResourcesAnswerThem() {
        // browsers' Accept (text/html first) and JSON clients' (application/json, */* or none) are answered from the
        // cache; "text/html;q=1" and "application/json;q=1" need negotiating, so the resources answer them
        String[][] cases = {
                {"/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html;q=1"},
                {"/conferences/percona-live-2023", "text/html", "text/html;q=1"},
                {"/conferences/fosdem", "application/json", "application/json;q=1"},
                {"/conferences/fosdem", "*/*", "application/json;q=1"},
                {"/conferences", "application/json", "application/json;q=1"},
                {"/conferences", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html;q=1"},
                {"/conferences", "*/*", "application/json;q=1"}};
        for (String[] c : cases) {
            HttpResponse<byte[]> fast = fromTheEventLoop("GET", c[0], "Accept", c[1]);
            assertEquals(200, fast.statusCode(), c[0]);
            long onLoop = routes.answeredOnEventLoop();
            HttpResponse<byte[]> resource = send("GET", c[0], "Accept", c[2]);
            assertEquals(onLoop, routes.answeredOnEventLoop(), "the resource answered " + c[0] + " for " + c[2]);
            assertEquals(answer(resource), answer(fast), c[0] + " " + c[1]);
            assertEquals(new String(resource.body(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(fast.body(), java.nio.charset.StandardCharsets.UTF_8), c[0] + " " + c[1]);
        }
        HttpResponse<byte[]> gzip = fromTheEventLoop("GET", "/", "Accept-Encoding", "gzip");
        assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""), "the server still compresses pages");
    }

    @Test
    void aChangeRendersEachPageAgainOnceHoweverManyAskAtOnce() throws Exception {
        for (String path : List.of("/feed.atom?page=2", "/feed.json?page=2", "/")) {
            send("GET", path);
            changes.changed(); // as storing an entry does
            long feedRenders = atom.cache().renders();
            long pageRenders = pages.cache().renders();
            int callers = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < callers; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return send("GET", path);
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<byte[]>> answer : answers) {
                    assertEquals(200, answer.get(60, TimeUnit.SECONDS).statusCode(), path);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, atom.cache().renders() - feedRenders + pages.cache().renders() - pageRenders, path + ": one render");
        }
    }
}
