package dev.hallway.support;

import dev.hallway.source.FeedsFileWatcher;
import dev.hallway.source.Source;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.common.mapper.TypeRef;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** What the tests do to the running service: write feeds.yaml, poll through the admin API, read sources back. */
@ApplicationScoped
public class TestFeeds {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @Inject
    FeedsFileWatcher watcher;

    /** Writes feeds.yaml and applies it at once (as the watcher would within its interval). */
    public boolean write(String yaml) {
        try {
            Files.writeString(Path.of("target/test-feeds.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return watcher.reloadIfChanged();
    }

    /** Follows exactly these feed URLs. */
    public void follow(String... urls) {
        StringBuilder yaml = new StringBuilder("defaults:\n  interval: 30m\nfeeds:\n");
        for (String url : urls) {
            yaml.append("  - url: ").append(url).append('\n');
        }
        write(yaml.toString());
    }

    /** The id of the stored entry with this title, as /entries shows it. */
    public static long entryId(String title) {
        List<Map<String, Object>> entries = given().queryParam("limit", 500).when().get("/entries").then()
                .extract().jsonPath().getList("entries");
        return entries.stream().filter(e -> title.equals(e.get("title"))).map(e -> ((Number) e.get("id")).longValue())
                .findFirst().orElseThrow(() -> new AssertionError("no entry titled " + title));
    }

    public Source source(String configUrl) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Source s = Source.find("configUrl", configUrl).firstResult();
            if (s == null) {
                throw new AssertionError("no source for " + configUrl);
            }
            Source.getEntityManager().detach(s);
            return s;
        });
    }

    public Map<String, Object> poll(String configUrl) {
        List<Map<String, Object>> outcomes = given().auth().oauth2(ADMIN_TOKEN)
                .queryParam("source", source(configUrl).id)
                .when().post("/admin/poll")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().as(new TypeRef<>() {
                });
        return outcomes.get(0);
    }

    public List<Map<String, Object>> pollAll() {
        return given().auth().oauth2(ADMIN_TOKEN)
                .when().post("/admin/poll")
                .then().statusCode(200)
                .extract().as(new TypeRef<>() {
                });
    }
}
