package dev.hallway.support;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The JSON Feed 1.1 schema check accepts a valid feed and refuses each way of breaking one. */
class JsonFeedValidatorTest {

    private static final String ITEM = "{\"id\": \"tag:example.org,2026:entry/1\", \"url\": \"https://example.org/a\","
            + " \"title\": \"A\", \"content_html\": \"<p>a</p>\", \"date_published\": \"2026-01-02T03:04:05Z\","
            + " \"tags\": [\"x\"], \"_hallway\": {\"conference\": {\"slug\": \"fosdem-2026\"}}}";

    private static List<String> problems(String json) {
        return JsonFeedValidator.problems(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String feed(String item, String extra) {
        return "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"feed_url\": \"https://example.org/feed.json\""
                + extra + ", \"items\": [" + item + "]}";
    }

    @Test
    void aValidFeedHasNoProblems() {
        assertEquals(List.of(), problems(feed(ITEM, ", \"next_url\": \"https://example.org/feed.json?page=2\","
                + " \"authors\": [{\"name\": \"Hallway\", \"url\": \"https://example.org/\"}]")));
    }

    @Test
    void brokenFeedsAreRefused() {
        List<String> broken = List.of(
                "not json",
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\"}", // no items
                feed(ITEM.replace("\"content_html\": \"<p>a</p>\", ", ""), ""), // an item without content
                feed(ITEM.replace("_hallway", "hallway"), ""), // an extension without its underscore
                feed(ITEM.replace("https://example.org/a", "not a uri at all"), ""),
                feed(ITEM.replace("2026-01-02T03:04:05Z", "2 January 2026"), ""),
                feed(ITEM.replace("[\"x\"]", "[\"x\", \"x\"]"), ""), // tags must be unique
                feed(ITEM, ", \"authors\": [{}]"), // an author needs a member
                feed(ITEM, "").replace("version/1.1", "version/1")); // not 1.1
        for (String json : broken) {
            assertFalse(problems(json).isEmpty(), json);
        }
    }
}
