package dev.hallway.conference;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Our own ObjectMappers bind these by reflection (catalogue, stored evidence, the model's weights): a native image needs them. */
class ConferenceRecordsRegisteredForReflectionTest {

    @Test
    void theRecordsJacksonBindsAreRegisteredByTheConferencePackage() {
        for (Class<?> type : new Class<?>[]{ConferenceSeries.class, Evidence.class, ReportModel.class}) {
            RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
            assertNotNull(registration, type.getSimpleName() + " is read by reflection");
            assertFalse(registration.ignoreNested(), "nested records (ConferenceSeries.Ordinal) come with it");
        }
    }
}
