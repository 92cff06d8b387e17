package dev.hallway.publish;

import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Seed;
import dev.hallway.support.TestDatabase;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conferences index (series A–Z, editions newest first, the next edition's dates), the series pages (editions by
 * edition, a chart of reports per edition) and the header that links them, on the seed posts, on 1 June 2025.
 */
@QuarkusTest
@TestProfile(ConferencePagesTest.OnFirstOfJune2025.class)
@QuarkusTestResource(FeedServerResource.class)
class ConferencePagesTest {

    public static class OnFirstOfJune2025 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestDatabase.isolated("conference-pages");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ShiftedClock.class);
        }
    }

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    @BeforeEach
    void pollTheSeeds() {
        List<String> urls = Seed.serve(server, "/conference-pages/", Seed.BLOGS);
        feeds.follow(urls.toArray(String[]::new));
        feeds.pollAll();
    }

    private static Document html(String path) {
        String body = given().accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").when().get(path)
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        return Jsoup.parse(body);
    }

    private static Element series(Document index, String slug) {
        Element heading = index.getElementById("series-" + slug);
        assertNotNull(heading, slug + " on the index");
        return heading.parent();
    }

    @Test
    void theIndexListsSeriesFromAToZWithTheirEditionsNewestFirst() {
        Document index = html("/conferences");
        assertEquals("Conferences — Hallway", index.title());
        assertEquals(List.of("dotScale", "FOSDEM", "FOSS Backstage", "Open Source Founders Summit", "Percona Live", "SCaLE"),
                index.select("main section.series h2 > a").eachText());
        Element fosdem = series(index, "fosdem");
        assertEquals(List.of("FOSDEM 2020", "FOSDEM 2019", "FOSDEM 2018"), fosdem.select("ul.editions li a").eachText());
        assertEquals("/conferences/fosdem-2019", fosdem.select("ul.editions li a").get(1).attr("href"));
        assertEquals("/conferences/fosdem", fosdem.selectFirst("h2 a").attr("href"));
        assertTrue(fosdem.selectFirst("h2 .count").text().contains("3 reports"), fosdem.selectFirst("h2").text());
        Element percona = series(index, "percona-live");
        assertEquals("Percona Live 2023 — 3 reports", percona.selectFirst("ul.editions li").text());
        assertEquals("SCaLE 20x — 1 report", series(index, "scale").selectFirst("ul.editions li").text());
        assertTrue(index.selectFirst("main p.count").text().startsWith("6 series, 8 editions with reports, 10 reports"),
                index.selectFirst("main p.count").text());
        assertTrue(index.select("script").isEmpty(), "no JavaScript");
    }

    @Test
    void theIndexShowsTheNextEditionTheCatalogueHasDatesFor() {
        Document index = html("/conferences");
        // today is 1 June 2025: FOSDEM 2025 (1–2 Feb) is past, 2026 is next
        Element fosdem = series(index, "fosdem").selectFirst("p.next");
        assertEquals("Next edition: 31 Jan – 2 Feb 2026, Brussels", fosdem.text());
        assertEquals("2026-01-31", fosdem.selectFirst("time").attr("datetime"));
        assertEquals("Next edition: 5–8 Mar 2026, Pasadena", series(index, "scale").selectFirst("p.next").text());
        assertEquals("Next edition: 16–17 Mar 2026, Berlin", series(index, "foss-backstage").selectFirst("p.next").text());
        assertNull(series(index, "percona-live").selectFirst("p.next"), "no dated edition after today");
        assertNull(series(index, "dotscale").selectFirst("p.next"));
    }

    @Test
    void programsStillGetJsonFromConferences() {
        given().when().get("/conferences").then().statusCode(200).contentType(ContentType.JSON).body("size()", is(8));
        given().accept("*/*").when().get("/conferences").then().statusCode(200).contentType(ContentType.JSON);
        given().accept("application/json").when().get("/conferences").then().statusCode(200).contentType(ContentType.JSON);
        // Accept headers the event loop leaves to the resources negotiate the same way
        given().accept("*/*;q=0.8").when().get("/conferences").then().statusCode(200).contentType(ContentType.JSON);
        given().accept("application/json, text/html").when().get("/conferences").then().statusCode(200).contentType(ContentType.JSON);
        given().accept("text/html;q=1").when().get("/conferences").then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("section"));
    }

    @Test
    void aSeriesPageListsItsEditionsByEditionWithAChartOfReportsPerEdition() {
        Document fosdem = html("/conferences/fosdem");
        // their latest reports came in the order 2020, 2018, 2019: the list is by edition all the same
        assertEquals(List.of("FOSDEM 2020", "FOSDEM 2019", "FOSDEM 2018"), fosdem.select("main ul li a").eachText());
        Element svg = fosdem.selectFirst("main figure.chart svg");
        assertNotNull(svg, "the chart");
        assertEquals("img", svg.attr("role"));
        assertTrue(svg.attr("viewBox").matches("0 0 \\d+ \\d+"), svg.attr("viewBox"));
        assertFalse(svg.hasAttr("width"), "sized by its viewBox and the page's width");
        assertEquals("Reports per edition of FOSDEM", svg.selectFirst("title#chart-title").text());
        List<Element> bars = svg.select("a.bar");
        assertEquals(List.of("FOSDEM 2018: 1 report", "FOSDEM 2019: 1 report", "FOSDEM 2020: 1 report"),
                bars.stream().map(b -> b.selectFirst("title").text()).toList(), "oldest on the left");
        assertEquals(List.of("2018", "2019", "2020"), bars.stream().map(b -> b.selectFirst("text.label").text()).toList());
        int previousX = -1;
        for (Element bar : bars) {
            Element rect = bar.selectFirst("rect");
            int x = Integer.parseInt(rect.attr("x"));
            assertTrue(x > previousX, "left to right");
            previousX = x;
            assertTrue(Integer.parseInt(rect.attr("height")) > 0);
        }
        given().accept("application/json").when().get("/conferences/fosdem").then().statusCode(200)
                .body("editions.name", is(List.of("FOSDEM 2020", "FOSDEM 2019", "FOSDEM 2018")));

        Document percona = html("/conferences/percona-live");
        Element bar = percona.selectFirst("svg a.bar");
        assertEquals("Percona Live 2023: 3 reports", bar.selectFirst("title").text());
        assertEquals("3", bar.select("text").first().text());
        assertNull(html("/conferences/percona-live-2023").selectFirst("svg"), "an edition's page has no chart");
    }

    @Test
    void theBarsOfASeriesWithMoreReportsAreTaller() {
        long id = anEntryThatIsNoReport();
        pin(id, "{\"series\":\"fosdem\",\"edition\":\"2019\"}");
        try {
            Element svg = html("/conferences/fosdem").selectFirst("svg");
            List<Element> rects = svg.select("a.bar rect");
            int h2018 = Integer.parseInt(rects.get(0).attr("height"));
            int h2019 = Integer.parseInt(rects.get(1).attr("height"));
            assertEquals(2 * h2018, h2019, "2 reports against 1");
            assertEquals("FOSDEM 2019: 2 reports", svg.select("a.bar title").get(1).text());
        } finally {
            unpin(id);
        }
    }

    @Test
    void namesAreEscapedInTheIndexAndTheChart() {
        long id = anEntryThatIsNoReport();
        pin(id, "{\"series\":\"evil-conf\",\"name\":\"Evil <script>alert(1)</script> & \\\"Co\\\"\",\"edition\":\"2024\"}");
        try {
            Document index = html("/conferences");
            assertTrue(index.select("script").isEmpty(), "no markup from a name");
            assertEquals("Evil <script>alert(1)</script> & \"Co\"", series(index, "evil-conf").selectFirst("h2 a").text());
            Document page = html("/conferences/evil-conf");
            assertTrue(page.select("script").isEmpty());
            assertEquals("Evil <script>alert(1)</script> & \"Co\" 2024: 1 report", page.selectFirst("svg a.bar title").text());
        } finally {
            unpin(id);
        }
    }

    @Test
    void everyPageHeaderLinksTheConferencesTheDigestsAndTheFeeds() {
        for (String path : List.of("/", "/conferences", "/conferences/fosdem", "/conferences/fosdem-2019", "/digests")) {
            Document page = html(path);
            Element header = page.selectFirst("header[role=banner]");
            assertNotNull(header.selectFirst("nav a[href=/conferences]"), path);
            assertNotNull(header.selectFirst("nav a[href=/digests]"), path);
            assertNotNull(header.selectFirst("nav a[href=/conferences/feed.json]"), path);
            assertFalse(page.select("head link[rel=alternate][type=application/feed+json]").isEmpty(), path + ": JSON Feed autodiscovery");
            assertFalse(page.select("head link[rel=alternate][type=application/atom+xml]").isEmpty(), path + ": Atom autodiscovery");
        }
        assertEquals("/conferences/fosdem/feed.json",
                html("/conferences/fosdem").selectFirst("head link[type=application/feed+json]").attr("href"));
    }

    private static long anEntryThatIsNoReport() {
        List<Map<String, Object>> entries = given().queryParam("limit", 500).when().get("/entries").then().statusCode(200)
                .extract().jsonPath().getList("entries");
        return entries.stream().filter(e -> e.get("conference") == null).map(e -> ((Number) e.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    private static void pin(long id, String body) {
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).contentType(ContentType.JSON).body(body)
                .when().put("/admin/entries/" + id + "/conference").then().statusCode(200);
    }

    private static void unpin(long id) {
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).when().delete("/admin/entries/" + id + "/conference").then().statusCode(200);
    }
}
