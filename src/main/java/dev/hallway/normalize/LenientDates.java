package dev.hallway.normalize;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates feeds really contain when ROME's strict parser gave up: RFC 822 with named zones
 * (PST, EDT, CET), ISO 8601 variants (space instead of T, no seconds, no zone, basic offsets), English, French and
 * German month names ("5 février 2024", "5. März 2024"), and Unix timestamps in seconds or milliseconds.
 * A date without a zone is taken as UTC. Returns null rather than guessing wildly.
 */
public final class LenientDates {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("janv", 1), Map.entry("janvier", 1), Map.entry("januar", 1), Map.entry("jän", 1), Map.entry("january", 1),
            Map.entry("feb", 2), Map.entry("fév", 2), Map.entry("fev", 2), Map.entry("févr", 2), Map.entry("février", 2), Map.entry("fevrier", 2), Map.entry("februar", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("mars", 3), Map.entry("mär", 3), Map.entry("märz", 3), Map.entry("maerz", 3), Map.entry("march", 3),
            Map.entry("apr", 4), Map.entry("avr", 4), Map.entry("avril", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("mai", 5),
            Map.entry("jun", 6), Map.entry("juin", 6), Map.entry("juni", 6), Map.entry("june", 6),
            Map.entry("jul", 7), Map.entry("juil", 7), Map.entry("juillet", 7), Map.entry("juli", 7), Map.entry("july", 7),
            Map.entry("aug", 8), Map.entry("août", 8), Map.entry("aout", 8), Map.entry("august", 8),
            Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("septembre", 9), Map.entry("september", 9),
            Map.entry("oct", 10), Map.entry("okt", 10), Map.entry("octobre", 10), Map.entry("oktober", 10), Map.entry("october", 10),
            Map.entry("nov", 11), Map.entry("novembre", 11), Map.entry("november", 11),
            Map.entry("dec", 12), Map.entry("déc", 12), Map.entry("dez", 12), Map.entry("décembre", 12), Map.entry("decembre", 12), Map.entry("dezember", 12), Map.entry("december", 12));

    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("UT", "Z"), Map.entry("UTC", "Z"), Map.entry("GMT", "Z"), Map.entry("Z", "Z"),
            Map.entry("EST", "-05:00"), Map.entry("EDT", "-04:00"), Map.entry("CST", "-06:00"), Map.entry("CDT", "-05:00"),
            Map.entry("MST", "-07:00"), Map.entry("MDT", "-06:00"), Map.entry("PST", "-08:00"), Map.entry("PDT", "-07:00"),
            Map.entry("AKST", "-09:00"), Map.entry("AKDT", "-08:00"), Map.entry("HST", "-10:00"),
            Map.entry("WET", "+00:00"), Map.entry("WEST", "+01:00"), Map.entry("BST", "+01:00"), Map.entry("IST", "+05:30"),
            Map.entry("CET", "+01:00"), Map.entry("CEST", "+02:00"), Map.entry("MEZ", "+01:00"), Map.entry("MESZ", "+02:00"),
            Map.entry("EET", "+02:00"), Map.entry("EEST", "+03:00"), Map.entry("MSK", "+03:00"),
            Map.entry("JST", "+09:00"), Map.entry("KST", "+09:00"), Map.entry("AEST", "+10:00"), Map.entry("AEDT", "+11:00"),
            Map.entry("NZST", "+12:00"), Map.entry("NZDT", "+13:00"));

    private static final Pattern UNIX = Pattern.compile("\\d{9,10}|\\d{12,13}");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-?(\\d{2})-?(\\d{2})(?:[T ]+(\\d{1,2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?\\s*(Z|[+-]\\d{2}(?::?\\d{2})?|[A-Za-z]{1,5})?");
    /** "Mon, 5 Feb 2024 10:00:00 PST", "lundi 5 février 2024 10:00", "5. März 2024", "February 5, 2024 10:00 am" */
    private static final Pattern WORDY = Pattern.compile(
            "(?:\\p{L}+\\.?,?\\s+)?(?:(\\d{1,2})(?:er|\\.)?\\s+(\\p{L}+)\\.?|(\\p{L}+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?)\\s+(\\d{2,4})"
                    + "(?:,?\\s+(?:à\\s+|um\\s+|at\\s+)?(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?\\s*(am|pm|AM|PM)?(?:\\s*Uhr)?)?"
                    + "\\s*(?:\\(?(Z|[+-]\\d{2}:?\\d{2}|[A-Za-z]{1,5})\\)?)?");

    private LenientDates() {
    }

    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().replace('\u00A0', ' ').replaceAll("\\s+", " ");
        try {
            if (UNIX.matcher(t).matches()) {
                long n = Long.parseLong(t);
                return t.length() >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            }
            Matcher iso = ISO.matcher(t);
            if (iso.matches()) {
                return at(LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3))),
                        iso.group(4), iso.group(5), iso.group(6), iso.group(7), null, iso.group(8));
            }
            Matcher wordy = WORDY.matcher(t);
            if (wordy.matches()) {
                String day = wordy.group(1) != null ? wordy.group(1) : wordy.group(4);
                String month = wordy.group(2) != null ? wordy.group(2) : wordy.group(3);
                Integer m = MONTHS.get(month.toLowerCase(Locale.ROOT));
                if (m == null) {
                    return null;
                }
                int year = Integer.parseInt(wordy.group(5));
                if (year < 100) {
                    year += year < 70 ? 2000 : 1900;
                }
                return at(LocalDate.of(year, m, Integer.parseInt(day)), wordy.group(6), wordy.group(7), wordy.group(8),
                        null, wordy.group(9), wordy.group(10));
            }
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static Instant at(LocalDate date, String hour, String minute, String second, String fraction,
                              String amPm, String zone) {
        int h = hour == null ? 0 : Integer.parseInt(hour);
        if (amPm != null) {
            h = h % 12 + (amPm.equalsIgnoreCase("pm") ? 12 : 0);
        }
        int nanos = 0;
        if (fraction != null) {
            String f = (fraction + "000000000").substring(0, 9);
            nanos = Integer.parseInt(f);
        }
        LocalTime time = LocalTime.of(h, minute == null ? 0 : Integer.parseInt(minute),
                second == null ? 0 : Integer.parseInt(second), nanos);
        return LocalDateTime.of(date, time).atOffset(offset(zone)).toInstant();
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        String named = ZONES.get(zone.toUpperCase(Locale.ROOT));
        String z = named != null ? named : zone;
        if (z.matches("[+-]\\d{4}")) {
            z = z.substring(0, 3) + ":" + z.substring(3);
        } else if (z.matches("[+-]\\d{2}")) {
            z = z + ":00";
        }
        try {
            return ZoneOffset.of(z);
        } catch (java.time.DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }
}
