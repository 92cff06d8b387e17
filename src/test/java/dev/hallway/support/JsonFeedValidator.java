package dev.hallway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a document against the JSON Feed 1.1 JSON Schema published by SchemaStore (copies in
 * src/test/resources/schemas, see SOURCE.txt there), with format assertions on: every URL must be a URI, every date an
 * RFC 3339 date-time. The schema allows no member it does not name but extensions ({@code _name}).
 */
public final class JsonFeedValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private JsonFeedValidator() {
    }

    private static JsonSchema load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaMappers(mappers -> mappers.mappings(Map.of(
                        "https://json.schemastore.org/feed.json", "classpath:schemas/json-feed-1.1.json",
                        "https://json.schemastore.org/feed-1", "classpath:schemas/json-feed-1.json"))));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return factory.getSchema(SchemaLocation.of("https://json.schemastore.org/feed.json"), config);
    }

    /** @return the problems found; empty when the document is a valid JSON Feed 1.1 */
    public static List<String> problems(byte[] document) {
        List<String> problems = new ArrayList<>();
        JsonNode feed;
        try {
            feed = JSON.readTree(document);
        } catch (Exception e) {
            return List.of("not JSON: " + e.getMessage());
        }
        for (ValidationMessage message : SCHEMA.validate(feed)) {
            problems.add(message.getMessage());
        }
        if (!"https://jsonfeed.org/version/1.1".equals(feed.path("version").asText())) {
            problems.add("version is not https://jsonfeed.org/version/1.1: " + feed.path("version"));
        }
        return problems;
    }
}
