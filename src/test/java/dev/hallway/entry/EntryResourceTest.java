package dev.hallway.entry;

import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class EntryResourceTest {

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    @Test
    void entriesOfASourceComeNewestFirstInPagesThatWalkTheWholeList() {
        server.route("/api/wp.rss", Reply.ok(Fixtures.bytes("seeds/adventures-in-oss.rss"), Fixtures.RSS));
        String url = server.url("/api/wp.rss");
        feeds.follow(url);
        feeds.poll(url);
        long source = feeds.source(url).id;

        List<String> titles = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("source", source).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/entries").then().statusCode(200).extract().jsonPath();
            titles.addAll(page.getList("entries.title"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertEquals(10, titles.size());
        assertEquals("2024 Open Source Founders Summit", titles.get(0));
        assertEquals("SCaLE 20x – Day 3", titles.get(9));

        JsonPath since = given().queryParam("source", source).queryParam("since", "2024-01-01").when().get("/entries")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(6, since.getList("entries").size());
        assertNull(since.getString("nextCursor"));
    }

    @Test
    void oneEntryShowsEveryFieldAndItsSightings() {
        server.route("/api/one.rdf", Reply.ok(Fixtures.bytes("seeds/duchess-france.rdf"), Fixtures.RDF));
        String url = server.url("/api/one.rdf");
        feeds.follow(url);
        feeds.poll(url);
        long id = given().queryParam("source", feeds.source(url).id).when().get("/entries")
                .then().extract().jsonPath().getLong("entries[0].id");

        given().when().get("/entries/" + id).then().statusCode(200)
                .body("title", is("Feedback on DotScale conference 2015"))
                .body("published", is("2015-06-25T10:00:00Z"))
                .body("canonicalUrl", is("duchess-france.org/feedback-on-dotscale-conference-2015"))
                .body("sightings.size()", is(1))
                .body("sightings[0].sourceId", is(feeds.source(url).id.intValue()))
                .body("summary.length()", org.hamcrest.Matchers.lessThanOrEqualTo(301))
                .body("contentHtml", org.hamcrest.Matchers.not(containsString("<script")));
    }

    @Test
    void badParametersAreClearErrors() {
        given().queryParam("limit", 0).when().get("/entries").then().statusCode(400).body("error", containsString("limit"));
        given().queryParam("cursor", "garbage!").when().get("/entries").then().statusCode(400).body("error", containsString("cursor"));
        given().queryParam("since", "yesterday").when().get("/entries").then().statusCode(400).body("error", containsString("since"));
        given().when().get("/entries/987654321").then().statusCode(404);
    }
}
