package dev.hallway.conference;

import org.junit.jupiter.api.Test;

import java.time.Year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class YearsTest {

    @Test
    void twoDigitYearsAreThisCenturyOrTheNinetiesAndNothingElse() {
        assertEquals(2020, Years.of("20", true));
        assertEquals(1999, Years.of("99", true));
        assertNull(Years.of("20", false), "a bare two-digit number is no year");
        // neither 2045 (too far ahead) nor 1945 (before any event we know): no year, and no exception
        int past = (Year.now().getValue() + 3) % 100;
        for (int n = Math.max(past, 3); n < 90; n++) {
            assertNull(Years.of(String.format("%02d", n), true), "'" + n);
        }
    }

    @Test
    void aNameWithAnImplausibleFusedYearIsClassifiedWithoutFailing() {
        assertNull(SeedClassificationTest.CLASSIFIER.classify(new ClassifierInput("PHPerKaigi45 and FOSDEM'67",
                java.util.List.of(), "https://blog.example/post", "I was there.", null,
                java.time.Instant.parse("2026-01-02T12:00:00Z"))));
    }

    @Test
    void fourDigitYearsFrom1990ToTwoYearsAhead() {
        assertEquals(1990, Years.of("1990", false));
        assertNull(Years.of("1989", false));
        assertEquals(Year.now().getValue() + 2, Years.of(String.valueOf(Year.now().getValue() + 2), false));
        assertNull(Years.of(String.valueOf(Year.now().getValue() + 3), false));
        assertNull(Years.of("20x1", false));
    }
}
