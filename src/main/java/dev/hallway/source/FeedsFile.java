package dev.hallway.source;

import dev.hallway.conference.ConferenceSeries;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * feeds.yaml exactly as written. Unknown keys are refused when it is read; {@link FeedsFileLoader}
 * checks the values and turns this into a {@link FeedsConfig}. Bound by Jackson through reflection, which a native
 * image must be told about (its nested records come with it).
 */
@RegisterForReflection
record FeedsFile(Defaults defaults, List<Feed> feeds, List<ConferenceSeries> conferences) {

    record Defaults(String interval) {
    }

    record Feed(String url, String name, List<String> tags, String conference, String interval, Boolean enabled) {
    }
}
