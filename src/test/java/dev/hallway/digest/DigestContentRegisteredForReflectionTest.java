package dev.hallway.digest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class DigestContentRegisteredForReflectionTest {

    @Test
    void theStoredDigestsRecordsAreRegisteredByTheirOwnFeature() {
        RegisterForReflection registration = DigestContent.class.getAnnotation(RegisterForReflection.class);
        assertNotNull(registration, "Jackson reads stored digests by reflection: a native image needs DigestContent registered");
        assertFalse(registration.ignoreNested(), "DigestContent.Group and DigestContent.Report come with it");
    }
}
