package dev.hallway.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class FeedsFileRegisteredForReflectionTest {

    @Test
    void feedsYamlsRecordsAreRegisteredByTheirOwnFeature() {
        RegisterForReflection registration = FeedsFile.class.getAnnotation(RegisterForReflection.class);
        assertNotNull(registration, "Jackson binds FeedsFile by reflection: a native image needs it registered");
        assertFalse(registration.ignoreNested(), "FeedsFile.Feed and FeedsFile.Defaults come with it");
    }
}
