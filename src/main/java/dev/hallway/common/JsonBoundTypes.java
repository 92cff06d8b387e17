package dev.hallway.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The conference records our own ObjectMappers bind by reflection (the built-in catalogue, stored evidence). Quarkus
 * registers REST payloads by itself, not these, and a native image would otherwise read them as empty objects or fail.
 * Nested records (ConferenceSeries.Ordinal, …) come with their outer class. Every other feature carries its own
 * {@code @RegisterForReflection} on the type (FeedsFile, DigestContent); these two are left here only until the
 * conference package, being rewritten, annotates them itself — then this class goes.
 */
@RegisterForReflection(classNames = {
        "dev.hallway.conference.ConferenceSeries",
        "dev.hallway.conference.Evidence",
})
final class JsonBoundTypes {

    private JsonBoundTypes() {
    }
}
