package dev.hallway.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Records that our own ObjectMappers bind by reflection (feeds.yaml, the built-in catalogue, stored evidence and
 * digests). Quarkus registers REST payloads by itself, not these, and a native image would otherwise read them as
 * empty objects or fail. Nested records (FeedsFile.Feed, ConferenceSeries.Ordinal, …) come with their outer class.
 */
@RegisterForReflection(classNames = {
        "dev.hallway.source.FeedsFile",
        "dev.hallway.conference.ConferenceSeries",
        "dev.hallway.conference.Evidence",
        "dev.hallway.digest.DigestContent",
})
final class JsonBoundTypes {

    private JsonBoundTypes() {
    }
}
