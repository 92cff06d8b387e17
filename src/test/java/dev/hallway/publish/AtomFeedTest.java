package dev.hallway.publish;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.hallway.support.AtomValidator;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Seed;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Atom feeds over HTTP: valid against RFC 4287, paged, cached, conditional. */
@QuarkusTest
@TestProfile(AtomFeedTest.SmallPages.class)
@QuarkusTestResource(FeedServerResource.class)
class AtomFeedTest {

    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(dev.hallway.support.TestDatabase.isolated("atom-feeds"));
            config.put("hallway.feed.page-size", "4");
            return config;
        }
    }

    @Inject
    TestFeeds feeds;
    @Inject
    FeedCache atom;

    private final FeedServer server = FeedServerResource.server();

    @BeforeEach
    void pollTheSeeds() {
        feeds.follow(Seed.serve(server, "/atom/", Seed.BLOGS).toArray(String[]::new));
        feeds.pollAll();
    }

    /** A client that asks for no content coding (REST Assured asks for gzip by default): JsonFeedTest's too. */
    static io.restassured.specification.RequestSpecification plain() {
        return given().config(io.restassured.RestAssured.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()));
    }

    private static byte[] get(String url) {
        Response response = given().when().get(url).then().statusCode(200)
                .header("Content-Type", "application/atom+xml; charset=utf-8").extract().response();
        return response.asByteArray();
    }

    private static SyndFeed parse(byte[] body) throws Exception {
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body)));
    }

    /** Follows rel="next" from the first page; returns every page's body. */
    private static List<byte[]> walk(String path) throws Exception {
        List<byte[]> pages = new ArrayList<>();
        String next = path;
        while (next != null && pages.size() < 50) {
            byte[] body = get(next.replace("http://localhost:8080", ""));
            pages.add(body);
            next = parse(body).getLinks().stream().filter(l -> "next".equals(l.getRel())).map(l -> l.getHref()).findFirst().orElse(null);
        }
        return pages;
    }

    @Test
    void everyFeedAndEveryPageIsValidAtom() throws Exception {
        for (String path : List.of("/feed.atom", "/conferences/feed.atom", "/conferences/fosdem/feed.atom",
                "/conferences/percona-live-2023/feed.atom", "/conferences/scale-20x/feed.atom")) {
            for (byte[] page : walk(path)) {
                assertEquals(List.of(), AtomValidator.problems(page), path);
            }
        }
    }

    @Test
    void pagesWalkTheWholeArchiveNewestFirst() throws Exception {
        List<SyndEntry> all = new ArrayList<>();
        for (byte[] page : walk("/feed.atom")) {
            all.addAll(parse(page).getEntries());
        }
        assertEquals(14, all.size());
        assertEquals(14, all.stream().map(SyndEntry::getUri).distinct().count());
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!all.get(i).getPublishedDate().after(all.get(i - 1).getPublishedDate()), "newest first");
        }
        SyndFeed first = parse(get("/feed.atom"));
        List<String> rels = first.getLinks().stream().map(l -> l.getRel()).toList();
        assertTrue(rels.containsAll(List.of("self", "alternate", "first", "last", "next")), rels.toString());
        SyndFeed second = parse(get("/feed.atom?page=2"));
        assertTrue(second.getLinks().stream().anyMatch(l -> "previous".equals(l.getRel())));
        String xml = new String(get("/feed.atom"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(xml.matches("(?s).*<generator uri=\"http://localhost:8080/\" version=\"[^\"]+\">Hallway</generator>.*"), "generator");
    }

    @Test
    void conferenceFeedsHoldOnlyTheirReports() throws Exception {
        List<String> fosdem = new ArrayList<>();
        for (byte[] page : walk("/conferences/fosdem/feed.atom")) {
            parse(page).getEntries().forEach(e -> fosdem.add(e.getTitle()));
        }
        assertEquals(List.of("FOSDEM'20 Brussels", "FOSDEM 2019 Recap: Global Technology, Local Community",
                "Bringing TiKV to Rust Devroom at FOSDEM 2018"), fosdem);
        int reports = 0;
        for (byte[] page : walk("/conferences/feed.atom")) {
            reports += parse(page).getEntries().size();
        }
        assertEquals(10, reports);
        SyndEntry percona = parse(get("/conferences/percona-live-2023/feed.atom")).getEntries().get(0);
        assertTrue(percona.getCategories().stream().anyMatch(c -> "percona-live-2023".equals(c.getName())
                && c.getTaxonomyUri() != null && c.getTaxonomyUri().endsWith("/conferences/")), "conference category with scheme");
        assertNotNull(percona.getSource(), "atom:source names the blog");
        assertEquals("Adventures in Open Source", percona.getSource().getTitle());
        assertEquals(List.of("Tarus Balog"), percona.getAuthors().stream().map(a -> a.getName()).toList());
    }

    @Test
    void anEntryKeepsItsIdWhenThePostIsEdited() throws Exception {
        SyndEntry before = parse(get("/conferences/dotscale-2015/feed.atom")).getEntries().get(0);
        assertEquals("Feedback on DotScale conference 2015", before.getTitle());

        SeedEdits.editDotScaleReport(feeds, server);

        SyndEntry after = parse(get("/conferences/dotscale-2015/feed.atom")).getEntries().get(0);
        assertEquals("Feedback on DotScale conference 2015 (edited)", after.getTitle());
        assertTrue(after.getContents().get(0).getValue().contains("took place on Monday 8 June 2015"));
        assertTrue(after.getUpdatedDate().after(before.getUpdatedDate()), "the edit moves updated");
        assertEquals(before.getUri(), after.getUri(), "and keeps the id");
    }

    @Test
    void unchangedFeedsAnswer304AndComeFromTheCache() {
        Response first = plain().when().get("/feed.atom").then().statusCode(200).extract().response();
        String etag = first.header("ETag");
        assertTrue(etag.startsWith("\"") && !etag.startsWith("W/"), "strong ETag: " + etag);
        assertTrue(first.header("Cache-Control").contains("max-age=300"), first.header("Cache-Control"));
        // a background job (a scheduled poll, a digest catch-up) may store something between two requests and
        // rightly empty the cache: the pair is tried again, and must come from the cache at least once in three
        boolean fromCache = false;
        for (int attempt = 0; attempt < 3 && !fromCache; attempt++) {
            Response current = plain().when().get("/feed.atom").then().statusCode(200).extract().response();
            long hits = atom.cache().hits();
            plain().header("If-None-Match", current.header("ETag")).when().get("/feed.atom").then().statusCode(304);
            plain().header("If-Modified-Since", current.header("Last-Modified")).when().get("/feed.atom").then().statusCode(304);
            fromCache = atom.cache().hits() >= hits + 2;
        }
        assertTrue(fromCache, "served from the cache");
        Response gzipped = given().header("Accept-Encoding", "gzip").when().get("/feed.atom").then().statusCode(200)
                .header("Content-Encoding", "gzip").extract().response();
        assertEquals(first.asString(), gzipped.asString(), "the gzip form is the same feed");
        String gzipEtag = gzipped.header("ETag");
        assertTrue(!gzipEtag.equals(etag) && gzipEtag.startsWith("\""), "each form has its own strong ETag");
        given().header("Accept-Encoding", "gzip").header("If-None-Match", gzipEtag).when().get("/feed.atom")
                .then().statusCode(304);
    }

    @Test
    void badPagesAndUnknownConferencesAreClearErrors() {
        given().queryParam("page", "two").when().get("/feed.atom").then().statusCode(400);
        given().queryParam("page", 0).when().get("/feed.atom").then().statusCode(400);
        given().queryParam("page", 99).when().get("/feed.atom").then().statusCode(400);
        given().when().get("/conferences/no-such-conference/feed.atom").then().statusCode(404);
    }

    @Test
    void hostileTitlesAndContentStayValid() throws Exception {
        SeedEdits.makeFossBackstageHostile(feeds, server);

        for (String path : List.of("/feed.atom", "/conferences/foss-backstage-2024/feed.atom")) {
            for (byte[] page : walk(path)) {
                assertEquals(List.of(), AtomValidator.problems(page), path);
            }
        }
        SyndEntry entry = parse(get("/conferences/foss-backstage-2024/feed.atom")).getEntries().get(0);
        String title = entry.getTitle();
        assertTrue(title.startsWith("2024 FOSS Backstage") && title.contains("]]>")
                && title.contains("\uD83D\uDE00") && title.contains("\u05e9\u05dc\u05d5\u05dd") && title.contains("& done"),
                "the hostile title is carried as text: " + title);
        assertTrue(title.chars().noneMatch(c -> c < 0x20), "no control characters: " + title);
        String content = entry.getContents().get(0).getValue();
        String opening = content.substring(0, Math.min(300, content.length()));
        String text = org.jsoup.Jsoup.parseBodyFragment(content).text();
        assertTrue(text.contains("\uD83D\uDE00") && text.contains("]]>"), opening);
        assertTrue(!content.contains("<script") && !content.contains("onerror") && !content.contains("onclick"), opening);
        assertTrue(content.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), opening);

        for (String path : List.of("/", "/conferences/foss-backstage-2024")) {
            String body = given().accept("text/html").when().get(path).then().statusCode(200).extract().asString();
            assertTrue(body.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'), path + ": no control characters");
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(body);
            assertTrue(page.select("script").isEmpty(), path + ": no script element");
            assertTrue(page.select("[onerror], [onclick]").isEmpty(), path + ": no event handler");
            org.jsoup.nodes.Element link = page.select("h3 > a").stream()
                    .filter(a -> a.text().startsWith("2024 FOSS Backstage")).findFirst()
                    .orElseThrow(() -> new AssertionError(path + " lists the report"));
            assertEquals(title, link.text(), path + ": the title is shown as text");
            org.jsoup.nodes.Element summary = link.parent().parent().selectFirst(".summary");
            assertNotNull(summary, path + ": the report has its summary");
            assertTrue(summary.text().contains("\uD83D\uDE00") && summary.text().contains("]]>"), path + ": " + summary.text());
        }
    }
}
