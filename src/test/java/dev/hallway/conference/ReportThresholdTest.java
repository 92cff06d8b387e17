package dev.hallway.conference;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hallway.conferences.report-threshold: an operator who wants fewer false reports asks for a higher probability. */
@QuarkusTest
@TestProfile(ReportThresholdTest.Strict.class)
class ReportThresholdTest {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return dev.hallway.support.TestDatabase.isolated("report-threshold", "hallway.conferences.report-threshold", "0.97");
        }
    }

    /** A report the shipped model is fairly, not very, sure of: a title that is the event alone, a week after it. */
    private static final ClassifierInput TITLE_ONLY = new ClassifierInput("FOSDEM 2020", List.of(),
            "https://blog.example/fosdem-2020", "Brussels was cold and full of open source people again.", null,
            Instant.parse("2020-02-08T12:00:00Z"));

    @Inject
    Conferences conferences;

    @Test
    void aPostBelowTheConfiguredThresholdIsNoReport() {
        Classification byDefault = SeedClassificationTest.CLASSIFIER.classify(TITLE_ONLY);
        assertNotNull(byDefault, "the shipped threshold (0.5) takes it");
        assertTrue(byDefault.confidence() < 0.97, "confidence " + byDefault.confidence());

        assertEquals(0.97, conferences.classifier().model().threshold());
        assertNull(conferences.classifier().classify(TITLE_ONLY));
        assertEquals("fosdem-2020", conferences.classifier().nearest(TITLE_ONLY).slug(),
                "still the nearest candidate, for the admin page");
    }

    @Test
    void aThresholdThatIsNoProbabilityIsRefusedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportModel.builtIn().withThreshold(1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportModel.builtIn().withThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> ReportModel.builtIn().withThreshold(Double.NaN));
    }
}
