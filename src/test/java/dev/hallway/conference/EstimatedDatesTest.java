package dev.hallway.conference;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimatedDatesTest {

    private static DatedEdition held(int year, int month, int day, int days) {
        LocalDate start = LocalDate.of(year, month, day);
        return new DatedEdition(year, start, start.plusDays(days - 1), "Brussels");
    }

    /** FOSDEM as the data set lists it: the first weekend of February, and no 2024. */
    private static final List<DatedEdition> FIRST_WEEKEND_OF_FEBRUARY = List.of(held(2019, 2, 2, 2), held(2020, 2, 1, 2),
            held(2023, 2, 4, 2), held(2025, 2, 1, 2), held(2026, 1, 31, 2));

    @Test
    void aListedEditionKeepsItsRealDates() {
        DatedEdition d = EstimatedDates.of(FIRST_WEEKEND_OF_FEBRUARY, 2023);
        assertEquals(LocalDate.of(2023, 2, 4), d.start());
        assertFalse(d.estimated());
    }

    @Test
    void aYearTheDataSetSkipsIsEstimatedFromTheOthersWhenTheSeriesKeepsToItsDates() {
        DatedEdition d = EstimatedDates.of(FIRST_WEEKEND_OF_FEBRUARY, 2024);
        assertTrue(d.estimated());
        assertEquals(2024, d.year());
        assertTrue(!d.start().isBefore(LocalDate.of(2024, 1, 31)) && !d.start().isAfter(LocalDate.of(2024, 2, 4)), d.toString());
        assertEquals(1, d.end().toEpochDay() - d.start().toEpochDay());
    }

    @Test
    void aSeriesThatWandersOverTheCalendarOrHasOneEditionGetsNoEstimate() {
        assertNull(EstimatedDates.of(List.of(held(2019, 3, 10, 2), held(2021, 10, 2, 2), held(2022, 6, 1, 3)), 2020));
        assertNull(EstimatedDates.of(List.of(held(2019, 2, 2, 2)), 2020));
        assertNull(EstimatedDates.of(List.of(), 2020));
    }
}
