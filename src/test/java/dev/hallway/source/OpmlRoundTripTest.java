package dev.hallway.source;

import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /sources.opml, imported into an empty feeds.yaml with the OPML import, gives back the same feeds. */
@QuarkusTest
@QuarkusTestResource(FeedServerResource.class)
class OpmlRoundTripTest {

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    @Test
    void theOpmlExportImportedIntoAnEmptyFileGivesTheSameFeeds() throws IOException {
        server.route("/roundtrip/a.rss", Reply.ok(Rss.feed("Feed A").item("A1", server.url("/roundtrip/a1"),
                "Mon, 03 Jun 2024 10:00:00 GMT", "<p>a</p>").bytes(), Fixtures.RSS));
        server.route("/roundtrip/b.rss", Reply.ok(Rss.feed("Feed B: the sequel").item("B1", server.url("/roundtrip/b1"),
                "Mon, 03 Jun 2024 10:00:00 GMT", "<p>b</p>").bytes(), Fixtures.RSS));
        server.route("/roundtrip/home/", Reply.ok(("<!doctype html><html><head><link rel=\"alternate\" "
                + "type=\"application/rss+xml\" href=\"/roundtrip/b.rss\"></head></html>").getBytes(StandardCharsets.UTF_8), "text/html"));
        feeds.write("feeds:\n"
                + "  - url: " + server.url("/roundtrip/a.rss") + "\n    name: \"Ada's: blog\"\n    tags: [databases, open source]\n"
                + "  - url: " + server.url("/roundtrip/home/") + "\n    tags: [\"c++\"]\n");
        feeds.pollAll();
        String opml = given().when().get("/sources.opml").then().statusCode(200).extract().asString();
        Path dir = Files.createTempDirectory("opml-roundtrip");
        Files.writeString(dir.resolve("sources.opml"), opml);
        Path imported = dir.resolve("feeds.yaml");
        Files.writeString(imported, "");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = OpmlImport.run(new String[]{dir.resolve("sources.opml").toString(), imported.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

        assertEquals(0, status, err.toString());
        Map<String, String> expected = new TreeMap<>(), actual = new TreeMap<>();
        List<Map<String, Object>> sources = given().when().get("/sources").then().extract().jsonPath().getList("$");
        for (Map<String, Object> s : sources) {
            expected.put(String.valueOf(s.get("url")), s.get("name") + " " + s.get("tags"));
        }
        for (FeedsConfig.FeedSpec spec : new FeedsFileLoader(Duration.ofMinutes(30), FeedsFileSection.ANY).load(imported).feeds()) {
            actual.put(spec.url(), spec.name() + " " + spec.tags());
        }
        assertEquals(Map.of(server.url("/roundtrip/a.rss"), "Ada's: blog [databases, open source]",
                server.url("/roundtrip/b.rss"), "Feed B: the sequel [c++]"), expected, "the discovered feed is exported as itself");
        assertEquals(expected, actual);
    }
}
