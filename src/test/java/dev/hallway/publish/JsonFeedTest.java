package dev.hallway.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.JsonFeedValidator;
import dev.hallway.support.Seed;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON Feeds over HTTP: valid JSON Feed 1.1 (the published JSON Schema), the Atom feeds' entries in the Atom
 * feeds' order, paged with next_url, the conference in _hallway, cached and conditional like the Atom feeds.
 */
@QuarkusTest
@TestProfile(AtomFeedTest.SmallPages.class)
@QuarkusTestResource(FeedServerResource.class)
class JsonFeedTest {

    private static final String BASE = "http://localhost:8080"; // hallway.base-url's default
    private static final String JSON_FEED = "application/feed+json; charset=utf-8";
    private static final List<String> FEEDS = List.of("/feed", "/conferences/feed", "/conferences/fosdem/feed",
            "/conferences/percona-live-2023/feed", "/conferences/scale-20x/feed");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestFeeds feeds;
    @Inject
    FeedCache cache;

    private final FeedServer server = FeedServerResource.server();

    @BeforeEach
    void pollTheSeeds() {
        // the blogs as AtomFeedTest follows them (same test database): SeedEdits edits them there
        feeds.follow(Seed.serve(server, "/atom/", Seed.BLOGS).toArray(String[]::new));
        feeds.pollAll();
    }


    private static byte[] get(String path) {
        return given().when().get(path).then().statusCode(200).header("Content-Type", JSON_FEED).extract().asByteArray();
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows next_url from the first page; returns every page's body. */
    private static List<byte[]> walk(String path) {
        List<byte[]> pages = new ArrayList<>();
        String next = path;
        while (next != null && pages.size() < 50) {
            byte[] body = get(next);
            pages.add(body);
            JsonNode nextUrl = json(body).get("next_url");
            if (nextUrl != null) {
                assertTrue(nextUrl.asText().startsWith(BASE + "/"), "next_url is absolute on hallway.base-url: " + nextUrl);
            }
            next = nextUrl == null ? null : nextUrl.asText().substring(BASE.length());
        }
        return pages;
    }

    private static List<JsonNode> items(String path) {
        List<JsonNode> items = new ArrayList<>();
        for (byte[] page : walk(path)) {
            json(page).get("items").forEach(items::add);
        }
        return items;
    }

    private static List<SyndEntry> atomEntries(String path) throws Exception {
        List<SyndEntry> entries = new ArrayList<>();
        String next = path;
        while (next != null && entries.size() < 500) {
            byte[] body = given().when().get(next).then().statusCode(200).extract().asByteArray();
            SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body)));
            entries.addAll(feed.getEntries());
            next = feed.getLinks().stream().filter(l -> "next".equals(l.getRel())).map(l -> l.getHref().substring(BASE.length()))
                    .findFirst().orElse(null);
        }
        return entries;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> values.add(field == null ? n.asText() : n.get(field).asText()));
        }
        return values;
    }

    @Test
    void everyJsonFeedAndEveryPageIsValidJsonFeed11() {
        for (String feed : FEEDS) {
            List<byte[]> pages = walk(feed + ".json");
            assertFalse(pages.isEmpty(), feed);
            for (byte[] page : pages) {
                assertEquals(List.of(), JsonFeedValidator.problems(page), feed + ".json");
            }
        }
    }

    @Test
    void eachJsonFeedHoldsItsAtomFeedsEntriesInTheSameOrder() throws Exception {
        for (String feed : FEEDS) {
            List<SyndEntry> atom = atomEntries(feed + ".atom");
            List<JsonNode> items = items(feed + ".json");
            assertFalse(atom.isEmpty(), feed);
            assertEquals(atom.stream().map(SyndEntry::getUri).toList(), texts(JSON.valueToTree(items), "id"), feed + ": ids and order");
            for (int i = 0; i < atom.size(); i++) {
                SyndEntry entry = atom.get(i);
                JsonNode item = items.get(i);
                String where = feed + " " + entry.getTitle();
                assertEquals(entry.getTitle(), item.get("title").asText(), where);
                assertEquals(entry.getLink(), item.path("url").asText(null), where);
                assertEquals(entry.getPublishedDate().toInstant(), Instant.parse(item.get("date_published").asText()), where);
                assertEquals(entry.getUpdatedDate().toInstant(), Instant.parse(item.get("date_modified").asText()), where);
                assertEquals(entry.getAuthors().stream().map(SyndPerson::getName).toList(), texts(item.get("authors"), "name"), where);
                // Atom's categories: the post's tags, then the conference (with its scheme), which JSON keeps in _hallway
                List<String> tags = entry.getCategories().stream().filter(c -> c.getTaxonomyUri() == null)
                        .map(SyndCategory::getName).distinct().toList();
                assertEquals(tags, texts(item.get("tags"), null), where);
                // the same HTML (ROME folds line breaks as it reads the Atom: compared as text, whitespace folded)
                assertEquals(folded(entry.getContents().get(0).getValue()), folded(item.get("content_html").asText()),
                        where + ": content");
            }
        }
    }

    private static String folded(String html) {
        return Jsoup.parseBodyFragment(html).text().replaceAll("\\s+", " ");
    }

    @Test
    void nextUrlLeadsPageByPageToTheLastPage() {
        List<byte[]> pages = walk("/feed.json");
        assertEquals(4, pages.size(), "14 entries, 4 a page");
        List<String> nextUrls = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            JsonNode page = json(pages.get(i));
            assertEquals(BASE + "/feed.json", page.get("feed_url").asText(), "every page names the feed");
            assertEquals(BASE + "/", page.get("home_page_url").asText());
            assertEquals(i < 3 ? 4 : 2, page.get("items").size(), "page " + (i + 1));
            if (i < pages.size() - 1) {
                assertEquals(BASE + "/feed.json?page=" + (i + 2), page.get("next_url").asText());
                nextUrls.add(page.get("next_url").asText());
            } else {
                assertNull(page.get("next_url"), "the last page has no next_url");
            }
        }
        assertEquals(nextUrls.size(), nextUrls.stream().distinct().count(), "no next_url repeats");
        assertFalse(nextUrls.contains(BASE + "/feed.json"), "next_url is never feed_url");
        assertEquals(pages.get(1).length, get("/feed.json?page=2").length);
        given().queryParam("page", "two").when().get("/feed.json").then().statusCode(400);
        given().queryParam("page", 0).when().get("/feed.json").then().statusCode(400);
        given().queryParam("page", 5).when().get("/feed.json").then().statusCode(400);
        given().when().get("/conferences/no-such-conference/feed.json").then().statusCode(404);
    }

    private static void assertNull(JsonNode node, String message) {
        assertTrue(node == null || node.isNull(), message + ": " + node);
    }

    @Test
    void reportsCarryTheirConferenceInTheHallwayExtension() {
        JsonNode feed = json(get("/conferences/percona-live-2023/feed.json"));
        assertEquals("Hallway — Percona Live 2023", feed.get("title").asText());
        assertEquals(BASE + "/conferences/percona-live-2023", feed.get("home_page_url").asText());
        assertEquals(BASE + "/conferences/percona-live-2023/feed.json", feed.get("feed_url").asText());
        assertEquals(List.of("Hallway"), texts(feed.get("authors"), "name"));
        JsonNode report = feed.get("items").get(0);
        JsonNode conference = report.get("_hallway").get("conference");
        assertNotNull(conference, report.toString());
        assertEquals("percona-live-2023", conference.get("slug").asText());
        assertEquals("Percona Live 2023", conference.get("name").asText());
        assertEquals("percona-live", conference.get("series").asText());
        assertEquals(2023, conference.get("year").asInt());
        assertEquals(BASE + "/conferences/percona-live-2023", conference.get("url").asText());
        assertEquals(BASE + "/conferences/percona-live-2023/feed.json", conference.get("feed_url").asText());
        assertEquals("Adventures in Open Source", report.get("_hallway").get("blog").get("title").asText());
        assertEquals(List.of("Tarus Balog"), texts(report.get("authors"), "name"));
        assertFalse(report.get("summary").asText().isBlank());

        // in the feed of every post, exactly the reports carry a conference, and every item names its blog
        List<JsonNode> all = items("/feed.json");
        long reports = all.stream().filter(i -> i.get("_hallway").has("conference")).count();
        assertEquals(items("/conferences/feed.json").size(), reports);
        assertEquals(10, reports);
        assertTrue(all.stream().allMatch(i -> i.get("_hallway").get("blog").hasNonNull("title")));
    }

    @Test
    void unchangedJsonFeedsAnswer304AndAreGzippedLikeTheAtomFeeds() {
        Response first = AtomFeedTest.plain().when().get("/feed.json").then().statusCode(200).header("Content-Type", JSON_FEED)
                .extract().response();
        String etag = first.header("ETag");
        assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), "strong ETag: " + etag);
        assertTrue(first.header("Cache-Control").contains("max-age=300"), first.header("Cache-Control"));
        assertNotNull(first.header("Last-Modified"));
        assertEquals("Accept-Encoding", first.header("Vary"));
        String atomEtag = AtomFeedTest.plain().when().get("/feed.atom").then().statusCode(200).extract().header("ETag");
        assertNotEquals(atomEtag, etag, "each format has its own ETag");
        // a background job may store something between two requests and rightly empty the cache: tried again
        boolean fromCache = false;
        for (int attempt = 0; attempt < 3 && !fromCache; attempt++) {
            Response current = AtomFeedTest.plain().when().get("/feed.json").then().statusCode(200).extract().response();
            long hits = cache.cache().hits();
            AtomFeedTest.plain().header("If-None-Match", current.header("ETag")).when().get("/feed.json").then().statusCode(304);
            AtomFeedTest.plain().header("If-Modified-Since", current.header("Last-Modified")).when().get("/feed.json").then().statusCode(304);
            fromCache = cache.cache().hits() >= hits + 2;
        }
        assertTrue(fromCache, "served from the cache");
        AtomFeedTest.plain().header("If-None-Match", atomEtag).when().get("/feed.json").then().statusCode(200);

        Response gzipped = given().header("Accept-Encoding", "gzip").when().get("/feed.json").then().statusCode(200)
                .header("Content-Encoding", "gzip").header("Content-Type", JSON_FEED).extract().response();
        assertEquals(first.asString(), gzipped.asString(), "the gzip form is the same feed");
        String gzipEtag = gzipped.header("ETag");
        assertTrue(!gzipEtag.equals(etag) && gzipEtag.startsWith("\""), "each form has its own strong ETag");
        given().header("Accept-Encoding", "gzip").header("If-None-Match", gzipEtag).when().get("/feed.json")
                .then().statusCode(304);
    }

    @Test
    void anItemKeepsItsIdWhenThePostIsEdited() throws Exception {
        JsonNode before = json(get("/conferences/dotscale-2015/feed.json")).get("items").get(0);
        assertEquals("Feedback on DotScale conference 2015", before.get("title").asText());

        SeedEdits.editDotScaleReport(feeds, server);

        JsonNode after = json(get("/conferences/dotscale-2015/feed.json")).get("items").get(0);
        assertEquals("Feedback on DotScale conference 2015 (edited)", after.get("title").asText());
        assertTrue(after.get("content_html").asText().contains("took place on Monday 8 June 2015"));
        assertTrue(Instant.parse(after.get("date_modified").asText()).isAfter(Instant.parse(before.get("date_modified").asText())),
                "the edit moves date_modified");
        assertEquals(before.get("id").asText(), after.get("id").asText(), "and keeps the id");
        assertEquals(atomEntries("/conferences/dotscale-2015/feed.atom").get(0).getUri(), after.get("id").asText(),
                "the Atom feed's id");
    }

    @Test
    void hostileTitlesAndContentStayValidJson() {
        SeedEdits.makeFossBackstageHostile(feeds, server);

        for (String path : List.of("/feed.json", "/conferences/foss-backstage-2024/feed.json")) {
            for (byte[] page : walk(path)) {
                assertEquals(List.of(), JsonFeedValidator.problems(page), path);
            }
        }
        JsonNode item = json(get("/conferences/foss-backstage-2024/feed.json")).get("items").get(0);
        String title = item.get("title").asText();
        assertTrue(title.startsWith("2024 FOSS Backstage") && title.contains("]]>")
                && title.contains("\uD83D\uDE00") && title.contains("\u05e9\u05dc\u05d5\u05dd") && title.contains("& done"),
                "the hostile title is carried as text: " + title);
        assertTrue(title.chars().noneMatch(c -> c < 0x20), "no control characters: " + title);
        String content = item.get("content_html").asText();
        String opening = content.substring(0, Math.min(300, content.length()));
        String text = Jsoup.parseBodyFragment(content).text();
        assertTrue(text.contains("\uD83D\uDE00") && text.contains("]]>"), opening);
        assertTrue(!content.contains("<script") && !content.contains("onerror") && !content.contains("onclick"), opening);
        assertTrue(content.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), opening);
        String summary = item.get("summary").asText();
        assertTrue(summary.contains("\uD83D\uDE00") && summary.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'),
                summary);
    }

    @Test
    void theHomeAndConferencePagesAdvertiseTheirJsonFeeds() {
        Document home = Jsoup.parse(given().accept("text/html").when().get("/").then().statusCode(200).extract().asString());
        List<String> advertised = home.select("head link[rel=alternate][type=application/feed+json]").eachAttr("href");
        assertEquals(List.of("/conferences/feed.json", "/feed.json"), advertised);
        assertNotNull(home.selectFirst("a[href=/conferences/percona-live-2023/feed.json]"), "each edition links its JSON Feed");
        Document conference = Jsoup.parse(given().accept("text/html").when().get("/conferences/percona-live-2023")
                .then().statusCode(200).extract().asString());
        List<String> own = conference.select("head link[rel=alternate][type=application/feed+json]").eachAttr("href");
        assertEquals(List.of("/conferences/percona-live-2023/feed.json"), own);
        advertised = new ArrayList<>(advertised);
        advertised.addAll(own);
        for (String href : advertised) {
            assertEquals(List.of(), JsonFeedValidator.problems(get(href)), href + " is a JSON Feed");
        }
    }
}
