package dev.hallway.publish;

import dev.hallway.entry.EntryChanges;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.RawRequests;
import dev.hallway.support.Rss;
import dev.hallway.support.Seed;
import dev.hallway.support.TestDatabase;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cached feeds and pages go to the socket by sendfile from a file written once per render, plain or gzipped as the
 * client asks, while everything else is still compressed by the server; real HTTP on loopback.
 */
@QuarkusTest
@TestProfile(CachedPagesBySendfileTest.OwnDatabase.class)
@QuarkusTestResource(FeedServerResource.class)
class CachedPagesBySendfileTest {

    /** Small pages, and a database of its own: the entries this test adds would change the other tests' pages. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestDatabase.isolated("sendfile-pages"));
            config.put("hallway.feed.page-size", "4");
            return config;
        }
    }

    private static final String OWN_FEED = "/sendfile/own.xml";

    @Inject
    TestFeeds feeds;
    @Inject
    CachedRoutes routes;
    @Inject
    FeedCache feedCache;
    @Inject
    PageCache pageCache;
    @Inject
    PageFiles files;
    @Inject
    EntryChanges changes;
    @TestHTTPResource("/")
    URL base;

    private final FeedServer server = FeedServerResource.server();
    // HTTP/1.1: the JDK's client would otherwise upgrade to h2c, which is answered from memory (see CachedRoutes.fileFor)
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void followTheSeedsAndAFeedOfOurOwn() {
        server.route(OWN_FEED, FeedServer.Reply.ok(ownFeed(List.of("First post on sendfile")), "application/rss+xml"));
        List<String> urls = new ArrayList<>(Seed.serve(server, "/sendfile/", Seed.BLOGS));
        urls.add(server.url(OWN_FEED));
        feeds.follow(urls.toArray(String[]::new));
        feeds.pollAll();
        settle();
    }

    /**
     * Waits until the entries' version holds still for a while: work a poll leaves behind may move it a moment later,
     * and a page looked up in the cache at a version newer than the one it was served at is not there.
     */
    private void settle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String version = changes.version();
        long stillSince = System.nanoTime();
        while (System.nanoTime() - stillSince < TimeUnit.MILLISECONDS.toNanos(1500) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String now = changes.version();
            if (!now.equals(version)) {
                version = now;
                stillSince = System.nanoTime();
            }
        }
    }

    @Test
    void theBytesSentByFileAreTheRenderedPageInBothForms() {
        String[][] cases = {
                {"/feed.atom", FeedCache.key(FeedFormat.ATOM, FeedScope.all().key(), 1)},
                {"/feed.json", FeedCache.key(FeedFormat.JSON, FeedScope.all().key(), 1)},
                {"/feed.atom?page=2", FeedCache.key(FeedFormat.ATOM, FeedScope.all().key(), 2)},
                {"/conferences/feed.atom", FeedCache.key(FeedFormat.ATOM, FeedScope.reports().key(), 1)},
                {"/", PageCache.HOME},
                {"/conferences", PageCache.CONFERENCES}};
        for (String[] c : cases) {
            HttpResponse<byte[]> plain = sameVersion(() -> byFile(c[0]), c[1]);
            Rendered rendered = cached(c[1]);
            assertArrayEquals(rendered.body(), plain.body(), c[0]);
            assertEquals(rendered.plain.lengthHeader, plain.headers().firstValue("content-length").orElse(""), c[0]);
            assertFalse(plain.headers().firstValue("content-encoding").isPresent(), c[0]);

            HttpResponse<byte[]> gzip = byFile(c[0], "Accept-Encoding", "gzip");
            assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""), c[0]);
            assertArrayEquals(rendered.gzipped(), gzip.body(), c[0] + ": compressed once, when rendered");
            assertArrayEquals(rendered.body(), gunzip(gzip.body()), c[0]);
            assertTrue(gzip.headers().allValues("vary").contains("Accept-Encoding"), c[0] + " varies on Accept-Encoding");
        }
    }

    @Test
    void aNewEntryIsServedFromTheNewRendersFile() throws Exception {
        // a title of this run's own: the database outlives a run (and a rerun of this test)
        String second = "Second post on sendfile " + System.nanoTime();
        String key = FeedCache.key(FeedFormat.ATOM, FeedScope.all().key(), 1);
        HttpResponse<byte[]> before = sameVersion(() -> byFile("/feed.atom"), key);
        Rendered old = cached(key);
        assertFalse(text(before).contains(second));

        server.route(OWN_FEED, FeedServer.Reply.ok(ownFeed(List.of("First post on sendfile", second)),
                "application/rss+xml"));
        feeds.poll(server.url(OWN_FEED));
        settle();

        HttpResponse<byte[]> after = sameVersion(() -> byFile("/feed.atom"), key);
        assertTrue(text(after).contains(second), "the new entry is in the page sent by file");
        assertArrayEquals(cached(key).body(), after.body());
        HttpResponse<byte[]> gzip = byFile("/feed.atom", "Accept-Encoding", "gzip");
        assertTrue(new String(gunzip(gzip.body()), StandardCharsets.UTF_8).contains(second));
        // the old render's files go once the cache lets go of it and no answer is still sending them
        for (int i = 0; i < 100 && (old.plain.file.open() || Files.exists(old.plain.file.path())); i++) {
            Thread.sleep(50);
        }
        assertFalse(old.plain.file.open(), "the old file is closed");
        assertFalse(Files.exists(old.plain.file.path()), "the old file is deleted");
        assertFalse(Files.exists(old.gzip.file.path()), "the old gzip file is deleted");
    }

    @Test
    void validatorsAnd304sAreAsBefore() {
        HttpResponse<byte[]> plain = byFile("/feed.atom");
        HttpResponse<byte[]> gzip = byFile("/feed.atom", "Accept-Encoding", "gzip");
        String etag = plain.headers().firstValue("etag").orElseThrow();
        String gzipEtag = gzip.headers().firstValue("etag").orElseThrow();
        assertEquals(etag.replace("\"", "").concat("-gzip"), gzipEtag.replace("\"", ""));
        long sent = routes.sentByFile();
        HttpResponse<byte[]> notModified = send("GET", "/feed.atom", "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, notModified.headers().firstValue("etag").orElse(""));
        assertEquals(304, send("GET", "/feed.atom", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode());
        assertEquals(304, send("GET", "/feed.atom", "If-Modified-Since",
                plain.headers().firstValue("last-modified").orElseThrow()).statusCode());
        assertEquals(sent, routes.sentByFile(), "a 304 has no body to send");
    }

    @Test
    void aFileDeletedUnderTheServerIsStillServedWhole() throws IOException {
        String key = FeedCache.key(FeedFormat.ATOM, FeedScope.all().key(), 1);
        sameVersion(() -> byFile("/feed.atom"), key);
        byFile("/feed.atom", "Accept-Encoding", "gzip");
        Rendered rendered = cached(key);
        try (Stream<Path> all = Files.list(files.directory())) {
            for (Path file : all.toList()) {
                Files.delete(file);
            }
        }
        HttpResponse<byte[]> plain = byFile("/feed.atom");
        assertEquals(200, plain.statusCode());
        assertArrayEquals(rendered.body(), plain.body());
        HttpResponse<byte[]> gzip = byFile("/feed.atom", "Accept-Encoding", "gzip");
        assertArrayEquals(rendered.body(), gunzip(gzip.body()));
    }

    @Test
    void whatIsNotCachedIsStillCompressedByTheServer() {
        // the server's compression is on as before: REST JSON, the admin page, OPML, metrics. (/q/health, whose type
        // is written "application/json; charset=UTF-8", and the small JSON of a 404 were not compressed before either.)
        for (String path : List.of("/entries", "/sources", "/admin", "/sources.opml", "/q/metrics")) {
            HttpResponse<byte[]> gzip = send("GET", path, "Accept-Encoding", "gzip");
            assertEquals(200, gzip.statusCode(), path);
            assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""), path);
            HttpResponse<byte[]> plain = send("GET", path);
            assertFalse(plain.headers().firstValue("content-encoding").isPresent(), path);
            if (!path.equals("/q/metrics")) { // the metrics change between two scrapes
                assertArrayEquals(plain.body(), gunzip(gzip.body()), path);
            }
        }
    }

    @Test
    void clientsThatCannotTakeAFileGetTheBytesReadBackFromIt() {
        String key = FeedCache.key(FeedFormat.ATOM, FeedScope.all().key(), 1);
        byFile("/feed.atom");
        long sent = routes.sentByFile();
        // deflate alone: the plain bytes read back from the file, compressed by the server per request, as before (a
        // file cannot be compressed on its way); the REST resource's rare cases (If-Match here) read them back too
        long readBack = routes.readBack();
        HttpResponse<byte[]> deflate = sameVersion(() -> send("GET", "/feed.atom", "Accept-Encoding", "deflate"), key);
        assertEquals(200, deflate.statusCode());
        assertEquals("deflate", deflate.headers().firstValue("content-encoding").orElse(""));
        assertArrayEquals(cached(key).body(), inflate(deflate.body()));
        assertTrue(routes.readBack() > readBack);
        HttpResponse<byte[]> ifMatch = sameVersion(() -> send("GET", "/feed.atom", "If-Match", "*"), key);
        assertEquals(200, ifMatch.statusCode());
        assertArrayEquals(cached(key).body(), ifMatch.body());
        HttpResponse<byte[]> head = send("HEAD", "/feed.atom");
        assertEquals(200, head.statusCode());
        assertEquals(sent, routes.sentByFile());
    }

    /**
     * An answer given while the entry version stayed the same (background work can change it), and the page cached at
     * it. The routes learn a new version from the database a moment after it changes: until then they answer the page
     * of the version before, which is asked again, a little later.
     */
    private HttpResponse<byte[]> sameVersion(java.util.function.Supplier<HttpResponse<byte[]>> request, String key) {
        for (int attempt = 0; attempt < 30; attempt++) {
            String version = changes.version();
            HttpResponse<byte[]> response = request.get();
            if (version.equals(changes.version()) && lookup(key, version) != null) {
                return response;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the entry version kept changing");
    }

    @Test
    void theMetricsCountTheBytesSentByFile() {
        HttpResponse<byte[]> first = byFile("/feed.atom");
        double answers = metric("hallway_cached_answers_total{body=\"sendfile\"");
        double bytes = metric("hallway_cached_sendfile_bytes_total");
        byFile("/feed.atom");
        assertEquals(answers + 1, metric("hallway_cached_answers_total{body=\"sendfile\""), 0.0);
        assertEquals(bytes + first.body().length, metric("hallway_cached_sendfile_bytes_total"), 0.0);
        // Vert.x's network metric counts the file's bytes once, as it counts a buffer's (not 0, not twice)
        int times = 100;
        String scrape = new String(send("GET", "/q/metrics").body(), StandardCharsets.UTF_8);
        double written = metric("http_server_bytes_written_sum");
        for (int i = 0; i < times; i++) {
            byFile("/feed.atom");
        }
        double grew = metric("http_server_bytes_written_sum") - written;
        long bodies = (long) times * first.body().length;
        assertTrue(grew >= bodies - 4_096 && grew < bodies + 2L * scrape.length() + times * 1_024L,
                "http_server_bytes_written grew by " + grew + " for " + bodies + " bytes of bodies");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static byte[] ownFeed(List<String> titles) {
        Rss rss = Rss.feed("Sendfile blog").site("https://sendfile.example/");
        int day = 1;
        for (String title : titles) {
            rss.item(title, "https://sendfile.example/" + Integer.toHexString(title.hashCode()), "Mon, 0" + day + " Dec 2025 10:00:00 +0000",
                    "<p>" + title + ", a post long enough to be a post.</p>");
            day++;
        }
        return rss.bytes();
    }

    /** The cached page under this key at the current entry version. */
    private Rendered cached(String key) {
        Rendered rendered = lookup(key, changes.version());
        assertNotNull(rendered, key + " is cached");
        return rendered;
    }

    private Rendered lookup(String key, String version) {
        return key.contains("#") ? feedCache.cached(key, version) : pageCache.cached(key, version);
    }

    /** GET `path` until its body went by sendfile (the first request may render it on a worker). */
    private HttpResponse<byte[]> byFile(String path, String... headers) {
        for (int attempt = 0; attempt < 3; attempt++) {
            long sent = routes.sentByFile();
            HttpResponse<byte[]> response = send("GET", path, headers);
            assertEquals(200, response.statusCode(), path);
            if (routes.sentByFile() == sent + 1) {
                return response;
            }
        }
        throw new AssertionError("GET " + path + " never went by sendfile");
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) {
        return RawRequests.send(client, base, method, path, headers);
    }

    /** The value of the first metric line of /q/metrics starting with {@code prefix}. */
    private double metric(String prefix) {
        String metrics = new String(send("GET", "/q/metrics").body(), StandardCharsets.UTF_8);
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + prefix + " in /q/metrics");
    }

    private static byte[] inflate(byte[] deflated) {
        try (java.util.zip.InflaterInputStream in = new java.util.zip.InflaterInputStream(new ByteArrayInputStream(deflated))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
