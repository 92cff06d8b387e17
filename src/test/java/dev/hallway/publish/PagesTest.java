package dev.hallway.publish;

import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Seed;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML pages and the OPML list render the seed posts grouped by conference. */
@QuarkusTest
@TestProfile(AtomFeedTest.SmallPages.class)
@QuarkusTestResource(FeedServerResource.class)
class PagesTest {

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    @BeforeEach
    void pollTheSeeds() {
        List<String> urls = Seed.serve(server, "/pages/", Seed.BLOGS);
        feeds.write("feeds:\n  - url: " + urls.get(0) + "\n    name: Adventures in Open Source\n    tags: [open source]\n"
                + "  - url: " + urls.get(1) + "\n  - url: " + urls.get(2) + "\n  - url: " + urls.get(3) + "\n");
        feeds.pollAll();
    }

    private static Document html(String path) {
        String body = given().accept("text/html").when().get(path).then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        return Jsoup.parse(body);
    }

    @Test
    void theHomePageGroupsReportsByEditionNewestFirst() {
        Document page = html("/");
        List<String> editions = page.select("main section h2 > a").eachText();
        assertEquals(List.of("Open Source Founders Summit 2024", "FOSS Backstage 2024", "Percona Live 2023", "SCaLE 20x",
                "FOSDEM 2020", "FOSDEM 2019", "FOSDEM 2018", "dotScale 2015"), editions);
        Element percona = page.getElementById("edition-percona-live-2023").parent();
        assertEquals(3, percona.select("ol.reports li").size());
        Element report = percona.selectFirst("ol.reports li");
        assertEquals("2023 Percona Live – Day 2", report.selectFirst("h3 a").text());
        assertTrue(report.selectFirst(".meta").text().contains("Tarus Balog"));
        assertTrue(report.selectFirst(".meta").text().contains("24 May 2023"));
        assertFalse(report.selectFirst(".summary").text().isBlank());
        assertNotNull(percona.selectFirst("a[href=/conferences/percona-live-2023/feed.atom]"));
        assertNotNull(page.selectFirst("link[rel=alternate][type=application/atom+xml][href=/conferences/feed.atom]"));
        assertNotNull(page.selectFirst("main#main"), "landmarks");
        assertNotNull(page.selectFirst("header[role=banner]"));
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertTrue(page.select("script").isEmpty(), "no JavaScript");
    }

    @Test
    void anEditionPageIsHtmlForBrowsersAndJsonForPrograms() {
        Document page = html("/conferences/percona-live-2023");
        assertEquals("Percona Live 2023", page.selectFirst("h1").text());
        assertEquals(3, page.select("ol.reports li").size());
        Document series = html("/conferences/fosdem");
        assertEquals(3, series.select("main ul li a").size());
        given().accept("application/json").when().get("/conferences/percona-live-2023").then().statusCode(200)
                .body("kind", is("edition")).body("reports.size()", is(3));
        given().accept("text/html").when().get("/conferences/nothing-here").then().statusCode(404);
    }

    @Test
    void theFollowedBlogsAreOpml() {
        String opml = given().when().get("/sources.opml").then().statusCode(200)
                .contentType(containsString("text/x-opml")).extract().asString();
        Document doc = Jsoup.parse(opml, "", org.jsoup.parser.Parser.xmlParser());
        assertEquals("2.0", doc.selectFirst("opml").attr("version"));
        Element wp = doc.select("outline").stream().filter(o -> o.attr("xmlUrl").endsWith("/pages/adventures-in-oss.rss")).findFirst().orElseThrow();
        assertEquals("Adventures in Open Source", wp.attr("text"));
        assertEquals("rss", wp.attr("type"));
        assertEquals("https://www.adventuresinoss.com", wp.attr("htmlUrl"));
        assertEquals(4, doc.select("outline").size());
    }
}
