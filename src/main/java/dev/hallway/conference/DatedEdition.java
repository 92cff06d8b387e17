package dev.hallway.conference;

import java.time.LocalDate;

/** An edition with its real dates, from the open conference-data set; {@code city} is empty when unknown. */
public record DatedEdition(int year, LocalDate start, LocalDate end, String city) {
}
