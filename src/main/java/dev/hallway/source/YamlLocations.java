package dev.hallway.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document starts, by JSON pointer ({@code /feeds/3/url} → line 14, column 10),
 * so that checks made after parsing can still point at the line to fix.
 */
final class YamlLocations {

    private static final String KEY = "key:";

    private final Map<String, JsonLocation> byPointer;

    private YamlLocations(Map<String, JsonLocation> byPointer) {
        this.byPointer = byPointer;
    }

    /** Reads a document that is already known to be well-formed YAML. */
    static YamlLocations of(YAMLFactory factory, String yaml) throws IOException {
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = factory.createParser(yaml)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                if (token == JsonToken.FIELD_NAME) {
                    locations.putIfAbsent(KEY + pointer, parser.currentTokenLocation());
                } else if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    locations.putIfAbsent(pointer, parser.currentTokenLocation());
                }
            }
        }
        return new YamlLocations(locations);
    }

    /** The location of the key that leads to the pointer (for "unknown key" errors), or null. */
    JsonLocation keyAt(String pointer) {
        return byPointer.get(KEY + pointer);
    }

    /** The location of the value at the pointer, or of its nearest parent that has one. */
    JsonLocation at(String pointer) {
        String p = pointer;
        while (true) {
            JsonLocation location = byPointer.get(p);
            if (location != null || p.isEmpty()) {
                return location;
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }
}
