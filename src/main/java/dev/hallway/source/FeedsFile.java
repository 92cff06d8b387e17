package dev.hallway.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * feeds.yaml exactly as written. Unknown keys are refused when it is read; {@link FeedsFileLoader}
 * checks the values and turns this into a {@link FeedsConfig}; the {@code conferences:} part is kept as written for
 * its owner to check ({@link FeedsFileSection}). Bound by Jackson through reflection, which a native
 * image must be told about (its nested records come with it).
 */
@RegisterForReflection
record FeedsFile(Defaults defaults, List<Feed> feeds, JsonNode conferences) {

    record Defaults(String interval) {
    }

    record Feed(String url, String name, List<String> tags, String conference, String interval, Boolean enabled,
                Boolean fulltext) {
    }
}
