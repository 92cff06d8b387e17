package dev.hallway.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO-8601 week such as 2026-W47: Monday 00:00 to the next Monday 00:00 in the digest's time zone. */
public record IsoWeek(int year, int week) implements Comparable<IsoWeek> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** @throws IllegalArgumentException when the text is not a week like 2026-W47 */
    public static IsoWeek parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a week is written like 2026-W47");
        }
        IsoWeek week = new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        LocalDate monday;
        try {
            monday = week.monday();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(text + " does not exist");
        }
        if (monday.get(IsoFields.WEEK_BASED_YEAR) != week.year || monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != week.week) {
            throw new IllegalArgumentException(text + " does not exist");
        }
        return week;
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The week before the one holding this instant. */
    public static IsoWeek previous(Instant now, ZoneId zone) {
        return of(LocalDate.ofInstant(now, zone).minusWeeks(1));
    }

    public static IsoWeek current(Instant now, ZoneId zone) {
        return of(LocalDate.ofInstant(now, zone));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public Instant start(ZoneId zone) {
        return monday().atStartOfDay(zone).toInstant();
    }

    public Instant end(ZoneId zone) {
        return monday().plusWeeks(1).atStartOfDay(zone).toInstant();
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }

    @Override
    public int compareTo(IsoWeek other) {
        return toString().compareTo(other.toString());
    }
}
