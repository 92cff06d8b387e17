package dev.hallway.conference;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Dates for an edition the open data set does not list, from the editions it does: a series held at the same time
 * every year (FOSDEM on the first weekend of February) was held then in the missing year too. A series whose listed
 * editions wander over the calendar gets no estimate, and its usual month stands in as before.
 */
final class EstimatedDates {

    /** How far apart (in days of the year) the listed editions may start for their timing to stand for another year. */
    static final int MAX_SPREAD_DAYS = 14;
    /** An estimate from one listed edition would be a guess: at least this many. */
    static final int MIN_EDITIONS = 2;

    private EstimatedDates() {
    }

    /**
     * The dates of the series' edition of {@code year}: the listed ones, or an estimate from the other years; null
     * when there are neither.
     *
     * @param dated the series' listed editions (of one city, for a series held in several), oldest first
     */
    static DatedEdition of(List<DatedEdition> dated, int year) {
        for (DatedEdition d : dated) {
            if (d.year() == year) {
                return d;
            }
        }
        List<DatedEdition> others = dated.stream().filter(d -> d.year() != year).toList();
        if (others.stream().map(DatedEdition::year).distinct().count() < MIN_EDITIONS) {
            return null;
        }
        int[] startDays = others.stream().mapToInt(d -> d.start().getDayOfYear()).sorted().toArray();
        if (startDays[startDays.length - 1] - startDays[0] > MAX_SPREAD_DAYS) {
            return null;
        }
        long[] lengths = others.stream().mapToLong(d -> ChronoUnit.DAYS.between(d.start(), d.end())).sorted().toArray();
        int startDay = Math.min(startDays[startDays.length / 2], LocalDate.of(year, 12, 31).getDayOfYear());
        LocalDate start = LocalDate.ofYearDay(year, startDay);
        return new DatedEdition(year, start, start.plusDays(lengths[lengths.length / 2]), "", true);
    }
}
