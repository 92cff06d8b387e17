package dev.hallway.conference;

import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.Seed;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seed feeds, polled into a database of their own, grouped by conference through the API. */
@QuarkusTest
@TestProfile(ConferenceApiTest.OwnDatabase.class)
@QuarkusTestResource(FeedServerResource.class)
class ConferenceApiTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return dev.hallway.support.TestDatabase.isolated("conference-api");
        }
    }

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();
    private String yaml;

    @BeforeEach
    void followTheSeedFeeds() {
        List<String> urls = new java.util.ArrayList<>(Seed.serve(server, "/seeds/", List.of(Seed.values())));
        server.route("/seeds/kielux.rss", Reply.ok(Rss.feed("Kiel").item("kielux 2023 – tag 1",
                "https://kiel.example/kielux-2023-tag-1", "Sat, 16 Sep 2023 18:00:00 +0000",
                "<p>Am Samstag war ich auf der kielux. Die Vorträge waren gut.</p>").bytes(), Fixtures.RSS));
        urls.add(server.url("/seeds/kielux.rss"));
        yaml = "feeds:\n" + urls.stream().map(u -> "  - url: " + u + "\n").reduce("", String::concat);
        feeds.write(yaml);
        feeds.pollAll();
    }

    private static Map<String, Integer> groups() {
        List<Map<String, Object>> editions = given().when().get("/conferences").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath().getList("");
        Map<String, Integer> groups = new HashMap<>();
        editions.forEach(e -> groups.put((String) e.get("name"), ((Number) e.get("reports")).intValue()));
        return groups;
    }

    @Test
    void theSeedPostsMakeExactlyTheEightGroups() {
        assertEquals(Map.of("FOSDEM 2018", 1, "FOSDEM 2019", 1, "FOSDEM 2020", 1, "Open Source Founders Summit 2024", 1,
                "FOSS Backstage 2024", 1, "Percona Live 2023", 3, "SCaLE 20x", 1, "dotScale 2015", 1), groups());
        JsonPath percona = given().accept("application/json").when().get("/conferences/percona-live-2023").then().statusCode(200).extract().jsonPath();
        assertEquals("edition", percona.getString("kind"));
        assertEquals(List.of("2023 Percona Live – Day 2", "2023 Percona Live – Day 1", "2023 Percona Live – Day 0"),
                percona.getList("reports.title"));
        given().accept("application/json").when().get("/conferences/fosdem").then().statusCode(200)
                .body("kind", is("series")).body("editions.size()", is(3)).body("reports.size()", is(3));
        given().accept("application/json").when().get("/conferences/no-such-event-1999").then().statusCode(404)
                .body("error", containsString("no-such-event-1999"));
        given().queryParam("conference", "fosdem-2019").when().get("/entries").then()
                .body("entries.size()", is(1)).body("entries[0].conference.slug", is("fosdem-2019"))
                .body("entries[0].conference.series", is("fosdem"))
                .body("entries[0].conference.edition", is("2019"))
                .body("entries[0].conference.name", is("FOSDEM 2019"))
                .body("entries[0].conference.confidence", notNullValue())
                .body("entries[0].conference.evidence.rule", org.hamcrest.Matchers.hasItem("named-in-title"));
    }

    @Test
    void editingTheCatalogueInFeedsYamlReclassifiesStoredEntriesAndPinsSurvive() {
        long kielux = TestFeeds.entryId("kielux 2023 – tag 1");
        given().when().get("/entries/" + kielux).then().body("conference", nullValue());
        long computer = TestFeeds.entryId("Computer Nostalgia");
        try {
            pinAndEdit(kielux, computer);
        } finally {
            given().auth().oauth2(TestFeeds.ADMIN_TOKEN).when().delete("/admin/entries/" + computer + "/conference");
            feeds.write(yaml);
        }
    }

    private void pinAndEdit(long kielux, long computer) {
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"series\":\"kielux\",\"name\":\"Kielux\",\"edition\":\"2024\"}")
                .when().put("/admin/entries/" + computer + "/conference").then().statusCode(200).body("pinned", is(true));
        long percona = TestFeeds.entryId("2023 Percona Live – Day 0");
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"none\":true}")
                .when().put("/admin/entries/" + percona + "/conference").then().statusCode(200);

        feeds.write(yaml + "conferences:\n  - slug: kielux\n    name: Kielux\n    aliases: [\"Kieler Linuxtage\"]\n    month: 9\n");

        given().when().get("/entries/" + kielux).then()
                .body("conference.slug", is("kielux-2023")).body("conference.detected", is(false));
        given().when().get("/entries/" + computer).then().body("conference.slug", is("kielux-2024"))
                .body("conference.pinned", is(true));
        given().when().get("/entries/" + percona).then().body("conference", nullValue());
        assertEquals(2, groups().get("Percona Live 2023"));

        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).when().delete("/admin/entries/" + percona + "/conference")
                .then().statusCode(200).body("slug", is("percona-live-2023"));
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).contentType(ContentType.JSON).body("{\"series\":\"nope\",\"edition\":\"1\"}")
                .when().put("/admin/entries/" + percona + "/conference").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"none\":true}")
                .when().put("/admin/entries/" + percona + "/conference").then().statusCode(401);
    }
}
