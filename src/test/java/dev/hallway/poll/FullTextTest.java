package dev.hallway.poll;

import dev.hallway.entry.Entry;
import dev.hallway.entry.EntryPage;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Summary-only feeds: each new post's page is fetched from the loopback server, its main text extracted, sanitized,
 * stored, classified and published; failures keep the excerpt with their reason and are retried a few times.
 */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class FullTextTest {

    private static final byte[] REPORT = Fixtures.bytes("fulltext/report.html");
    private static final byte[] NOTES = Fixtures.bytes("fulltext/notes.html");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String REPORT_EXCERPT = "<p>Some notes from a busy weekend […]</p>";
    /** The week after FOSDEM 2026: the classifier weighs how long after the event a post was written. */
    private static final String FEBRUARY_10 = "Tue, 10 Feb 2026 10:00:00 +0000";

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    /** Newest first, minutes ago: the posts lead /feed.atom whatever other tests stored. */
    private static String minutesAgo(int minutes) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(minutes));
    }

    private static Entry entry(String url) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Entry e = Entry.<Entry>find("url", url).firstResult();
            assertNotNull(e, "no entry for " + url);
            Entry.getEntityManager().detach(e);
            return e;
        });
    }

    private static JsonPath entryJson(String url) {
        return given().when().get("/entries/" + entry(url).id).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> source(String url) {
        List<Map<String, Object>> sources = given().when().get("/sources").then().statusCode(200).extract().jsonPath().getList("$");
        return sources.stream().filter(s -> url.equals(s.get("configUrl"))).findFirst().orElseThrow();
    }

    /** The page of /feed.atom or /feed.json that carries the marker, or "". */
    private static String feedPageWith(String path, String marker) {
        for (int page = 1; page <= 20; page++) {
            String body = given().queryParam("page", page).when().get(path).then().extract().asString();
            if (body.contains(marker)) {
                return body;
            }
            if (!body.contains("<entry") && !body.contains("\"content_html\"")) {
                break;
            }
        }
        return "";
    }

    @Test
    void aSummaryOnlyFeedsPostsGetTheirPagesMainTextClassifiedAndPublished() {
        String report = server.url("/ft/main/two-days-in-brussels/"), notes = server.url("/ft/main/build-caches/"),
                late = server.url("/ft/main/late/"), huge = server.url("/ft/main/huge/");
        server.route("/ft/main/two-days-in-brussels/", Reply.ok(REPORT, HTML));
        server.route("/ft/main/build-caches/", Reply.ok(NOTES, HTML));
        server.route("/ft/main/late/", Reply.of(404));
        byte[] big = ("<html><body><article><p>" + "A very long post. ".repeat(6000) + "</p></article></body></html>").getBytes();
        server.route("/ft/main/huge/", Reply.ok(big, HTML));
        server.route("/ft/main/feed.rss", Reply.ok(Rss.feed("Ada's notebook").site(server.url("/ft/main/"))
                .item("Weekend notes", report, FEBRUARY_10, REPORT_EXCERPT)
                .item("Notes on build caches", notes, minutesAgo(2), "<p>Build caches are one of those things… <a href=\"" + notes + "\">Continue reading</a></p>")
                .item("A post whose page is not there yet", late, minutesAgo(3), "<p>It will be published soon […]</p>")
                .item("A very long post", huge, minutesAgo(4), "<p>This one is long […]</p>")
                .bytes(), Fixtures.RSS));
        String feed = server.url("/ft/main/feed.rss");
        feeds.follow(feed);

        Map<String, Object> outcome = feeds.poll(feed);

        assertEquals("ok", outcome.get("result"), outcome.toString());
        Entry stored = entry(report);
        assertTrue(stored.contentHtml.contains("I attended FOSDEM 2026 in Brussels"), stored.contentHtml);
        assertTrue(stored.contentHtml.contains("ARTICLE-END-MARKER"), stored.contentHtml);
        for (String boilerplate : List.of("NAVIGATION-BOILERPLATE", "SIDEBAR-BOILERPLATE", "COMMENT-BOILERPLATE", "FOOTER-BOILERPLATE")) {
            assertFalse(stored.contentHtml.contains(boilerplate), boilerplate);
        }
        assertFalse(stored.contentHtml.toLowerCase().contains("<script"), "sanitized: " + stored.contentHtml);
        assertFalse(stored.contentHtml.contains("INJECTED-BY-SCRIPT"), stored.contentHtml);
        assertFalse(stored.contentHtml.contains("javascript:"), stored.contentHtml);
        assertEquals("fosdem-2026", stored.conferenceSlug, "the classifier read the page's text, not the excerpt");
        assertTrue(entry(notes).contentHtml.contains("NOTES-ARTICLE-END"), entry(notes).contentHtml);

        JsonPath api = entryJson(report);
        assertEquals("done", api.getString("fullText.status"));
        assertTrue(api.getString("contentHtml").contains("ARTICLE-END-MARKER"));
        String atom = feedPageWith("/feed.atom", "ARTICLE-END-MARKER");
        assertTrue(atom.contains("I attended FOSDEM 2026 in Brussels"), "/feed.atom carries the full text");
        assertFalse(atom.contains("SIDEBAR-BOILERPLATE"));
        String json = feedPageWith("/feed.json", "ARTICLE-END-MARKER");
        assertTrue(json.contains("I attended FOSDEM 2026 in Brussels"), "/feed.json carries the full text");

        Map<String, Object> src = source(feed);
        assertEquals(true, src.get("fullText"), src.toString());
        assertTrue(String.valueOf(src.get("fullTextReason")).startsWith("detected: every one of the 4 items is a short excerpt"),
                src.toString());

        // the 404 and the page over hallway.fulltext.max-page-size (64K in tests) keep their excerpts, with the reason
        assertEquals("<p>It will be published soon […]</p>", entry(late).contentHtml);
        JsonPath missing = entryJson(late);
        assertEquals("pending", missing.getString("fullText.status"));
        assertEquals(1, missing.getInt("fullText.failedAttempts"));
        assertEquals("HTTP 404", missing.getString("fullText.lastError"));
        assertEquals("<p>This one is long […]</p>", entry(huge).contentHtml);
        assertEquals("body larger than the 64 KiB limit (hallway.fulltext.max-page-size)",
                entryJson(huge).getString("fullText.lastError"));

        // later polls (the feed itself unchanged) try the failed pages again, at most hallway.fulltext.max-attempts times
        server.route("/ft/main/late/", Reply.ok(NOTES, HTML));
        feeds.poll(feed);
        assertTrue(entry(late).contentHtml.contains("NOTES-ARTICLE-END"), "the page is there now");
        assertEquals("done", entryJson(late).getString("fullText.status"));
        feeds.poll(feed);
        feeds.poll(feed);
        assertEquals(3, server.requests("/ft/main/huge/").size(), "three attempts, then the excerpt is kept for good");
        assertEquals("failed", entryJson(huge).getString("fullText.status"));
        assertEquals("<p>This one is long […]</p>", entry(huge).contentHtml);
        assertEquals(1, server.requests("/ft/main/two-days-in-brussels/").size(), "a page is fetched once");
        assertEquals(2, server.requests("/ft/main/late/").size());
        assertTrue(entry(report).contentHtml.contains("ARTICLE-END-MARKER"), "the excerpt seen again does not replace the text");
    }

    @Test
    void fulltextFalseInFeedsYamlTurnsDetectionOff() {
        String report = server.url("/ft/off/two-days/");
        server.route("/ft/off/two-days/", Reply.ok(REPORT, HTML));
        server.route("/ft/off/feed.rss", Reply.ok(Rss.feed("Excerpts").site(server.url("/ft/off/"))
                .item("Weekend notes (off)", report, FEBRUARY_10, REPORT_EXCERPT)
                .item("Second", server.url("/ft/off/2/"), minutesAgo(6), "<p>Another excerpt […]</p>")
                .item("Third", server.url("/ft/off/3/"), minutesAgo(7), "<p>And another…</p>")
                .bytes(), Fixtures.RSS));
        String feed = server.url("/ft/off/feed.rss");
        feeds.write("feeds:\n  - url: " + feed + "\n    fulltext: false\n");

        assertEquals("ok", feeds.poll(feed).get("result"));

        assertEquals(0, server.requests("/ft/off/two-days/").size(), "no page fetched");
        assertEquals(REPORT_EXCERPT, entry(report).contentHtml);
        assertNull(entry(report).conferenceSlug, "the excerpt alone names no conference");
        assertNull(entryJson(report).get("fullText"));
        Map<String, Object> src = source(feed);
        assertEquals(false, src.get("fullText"));
        assertTrue(String.valueOf(src.get("fullTextReason")).startsWith(
                "configured: fulltext: false in feeds.yaml (detected as summary-only: every one of the 3 items"), src.toString());
    }

    @Test
    void fulltextTrueFetchesPagesEvenWhenTheFeedDoesNotLookSummaryOnly() {
        String notes = server.url("/ft/on/notes/");
        server.route("/ft/on/notes/", Reply.ok(NOTES, HTML));
        server.route("/ft/on/feed.rss", Reply.ok(Rss.feed("One short post").site(server.url("/ft/on/"))
                .item("Build caches (on)", notes, minutesAgo(8), "<p>A short teaser.</p>").bytes(), Fixtures.RSS));
        String feed = server.url("/ft/on/feed.rss");
        feeds.write("feeds:\n  - url: " + feed + "\n    fulltext: true\n");

        feeds.poll(feed);

        assertTrue(entry(notes).contentHtml.contains("NOTES-ARTICLE-END"));
        Map<String, Object> src = source(feed);
        assertEquals(true, src.get("fullText"));
        assertEquals("configured: fulltext: true in feeds.yaml", src.get("fullTextReason"));
    }

    @Test
    void anEditedPostsPageIsFetchedAgainWithItsValidators() {
        String notes = server.url("/ft/cond/notes/");
        server.serveWithValidators("/ft/cond/notes/", NOTES, HTML, "\"notes-v1\"", "Tue, 03 Feb 2026 10:00:00 GMT");
        String[] title = {"Notes on build caches (cond)"};
        server.route("/ft/cond/feed.rss", request -> Reply.ok(Rss.feed("Conditional").site(server.url("/ft/cond/"))
                .item(title[0], notes, minutesAgo(9), "<p>Build caches are one of those things […]</p>")
                .item("Second", server.url("/ft/cond/2/"), minutesAgo(10), "<p>Another excerpt […]</p>")
                .item("Third", server.url("/ft/cond/3/"), minutesAgo(11), "<p>And another…</p>")
                .bytes(), Fixtures.RSS));
        String feed = server.url("/ft/cond/feed.rss");
        feeds.follow(feed);
        feeds.poll(feed);
        assertTrue(entry(notes).contentHtml.contains("NOTES-ARTICLE-END"));
        assertNull(server.requests("/ft/cond/notes/").get(0).header("If-None-Match"));

        title[0] = "Notes on build caches, edited (cond)";
        Map<String, Object> outcome = feeds.poll(feed);

        assertEquals(1, ((Number) outcome.get("updated")).intValue(), outcome.toString());
        List<FeedServer.Request> requests = server.requests("/ft/cond/notes/");
        assertEquals(2, requests.size());
        assertEquals("\"notes-v1\"", requests.get(1).header("If-None-Match"), "conditional GET");
        Entry edited = entry(notes);
        assertEquals("Notes on build caches, edited (cond)", edited.title);
        assertTrue(edited.contentHtml.contains("NOTES-ARTICLE-END"), "a 304 keeps the page's text, not the new excerpt");
        EntryPage page = QuarkusTransaction.requiringNew().call(() -> EntryPage.findById(edited.id));
        assertEquals(EntryPage.DONE, page.status);
    }

    @Test
    void feedsAndTheirPostPagesShareThePerHostLimit() {
        // two host names for the one loopback server: feeds on both, every post page on "localhost". Without one
        // shared limit, "localhost" would see its own two polls plus the pages of the two polls on 127.0.0.1
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
        AtomicInteger pages = new AtomicInteger();
        String[] urls = new String[6];
        for (int f = 0; f < urls.length; f++) {
            String base = "/ft/hosts/" + f + "/";
            Rss rss = Rss.feed("Host test " + f).site(server.url(base));
            for (int p = 0; p < 3; p++) {
                String path = base + "post-" + p + "/";
                rss.item("Host test " + f + " post " + p, "http://localhost:" + server.port() + path, minutesAgo(20 + f * 3 + p),
                        "<p>Excerpt " + f + "/" + p + " […]</p>");
                server.route(path, counted(running, peak, () -> {
                    pages.incrementAndGet();
                    return Reply.ok(NOTES, HTML);
                }));
            }
            byte[] body = rss.bytes();
            server.route(base + "feed.rss", counted(running, peak, () -> Reply.ok(body, Fixtures.RSS)));
            urls[f] = (f % 2 == 0 ? "http://localhost:" + server.port() : "http://127.0.0.1:" + server.port()) + base + "feed.rss";
        }
        feeds.follow(urls);

        feeds.pollAll().forEach(o -> assertEquals("ok", o.get("result"), o.toString()));

        assertEquals(18, pages.get(), "every post page fetched");
        assertEquals(2, peak.get("localhost").get(), "hallway.poll.per-host on localhost: " + peak);
        assertTrue(peak.get("127.0.0.1").get() <= 2, peak.toString());
    }

    /** A route that counts requests in flight per Host header, and sleeps a little so that they overlap. */
    private static java.util.function.Function<FeedServer.Request, Reply> counted(
            Map<String, AtomicInteger> running, Map<String, AtomicInteger> peak, java.util.function.Supplier<Reply> reply) {
        return request -> {
            String host = URI.create("http://" + request.header("Host")).getHost();
            AtomicInteger now = running.computeIfAbsent(host, h -> new AtomicInteger());
            peak.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
            }
            return reply.get();
        };
    }
}
