package dev.hallway.conference;

import java.time.LocalDate;

/**
 * An edition with its real dates, from the open conference-data set; {@code city} is empty when unknown.
 * {@code estimated}: the data set does not list this edition, and its dates come from the series' other years
 * ({@link EstimatedDates}).
 */
public record DatedEdition(int year, LocalDate start, LocalDate end, String city, boolean estimated) {

    public DatedEdition(int year, LocalDate start, LocalDate end, String city) {
        this(year, start, end, city, false);
    }
}
