package dev.hallway.poll;

import dev.hallway.parse.PublisherHints;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A publisher's word on how often to poll, as a lower bound on a feed's interval: Cache-Control max-age (seconds),
 * RSS ttl (minutes), sy:updatePeriod divided by sy:updateFrequency. The longest valid one applies, capped at
 * {@code cap} (a day by default: a hint never stops a feed for longer). Values that make no sense — negative, not a
 * number, more than a year — are ignored, and the note says which and why.
 */
final class IntervalHints {

    static final String CACHE_CONTROL = "cache-control", TTL = "ttl", SY = "sy:updatePeriod";
    /** Past this a value is a mistake (or a "cache forever" header for a feed), not a polling hint. */
    static final long IMPLAUSIBLE_SECONDS = Duration.ofDays(366).toSeconds();
    private static final int NOTE_COLUMN = 1000;

    /** The hint that applied ({@code from} null when none did), capped, and what was ignored or capped. */
    record Chosen(String from, Long seconds, String note) {
        static final Chosen NONE = new Chosen(null, null, null);

        /** The interval to keep: the configured one, or this hint when longer. */
        Duration effective(long intervalSeconds) {
            return Duration.ofSeconds(seconds == null ? intervalSeconds : Math.max(intervalSeconds, seconds));
        }
    }

    private record Candidate(String from, long seconds) {
    }

    private IntervalHints() {
    }

    static Chosen choose(String cacheControl, PublisherHints feed, Duration cap) {
        List<Candidate> valid = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        maxAge(cacheControl, valid, notes);
        if (feed != null) {
            ttl(feed.ttl(), valid, notes);
            syndication(feed.updatePeriod(), feed.updateFrequency(), valid, notes);
        }
        Candidate longest = null;
        for (Candidate c : valid) {
            if (longest == null || c.seconds() > longest.seconds()) {
                longest = c;
            }
        }
        Long seconds = null;
        if (longest != null) {
            seconds = longest.seconds();
            if (seconds > cap.toSeconds()) {
                notes.add(longest.from() + " asks for " + seconds + " s: capped at " + cap.toSeconds() + " s");
                seconds = cap.toSeconds();
            }
        }
        String note = notes.isEmpty() ? null : String.join("; ", notes);
        if (note != null && note.length() > NOTE_COLUMN) {
            note = note.substring(0, NOTE_COLUMN - 1) + "…";
        }
        return longest == null && note == null ? Chosen.NONE : new Chosen(longest == null ? null : longest.from(), seconds, note);
    }

    /** max-age=N of Cache-Control (s-maxage is for shared caches, not for us). */
    private static void maxAge(String cacheControl, List<Candidate> valid, List<String> notes) {
        if (cacheControl == null) {
            return;
        }
        for (String directive : cacheControl.split(",")) {
            String d = directive.trim();
            int eq = d.indexOf('=');
            if (eq < 0 || !d.substring(0, eq).trim().equalsIgnoreCase("max-age")) {
                continue;
            }
            String value = d.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            Long seconds = wholeNumber(value, "Cache-Control max-age", "seconds", 1, IMPLAUSIBLE_SECONDS, notes);
            if (seconds != null) {
                valid.add(new Candidate(CACHE_CONTROL, seconds));
            }
            return; // the first max-age counts
        }
    }

    /** RSS 2.0 ttl: "number of minutes that indicates how long a channel can be cached before refreshing". */
    private static void ttl(String ttl, List<Candidate> valid, List<String> notes) {
        if (ttl == null) {
            return;
        }
        Long seconds = wholeNumber(ttl, "ttl", "minutes", 60, IMPLAUSIBLE_SECONDS, notes);
        if (seconds != null) {
            valid.add(new Candidate(TTL, seconds));
        }
    }

    /** sy:updatePeriod (default daily) divided by sy:updateFrequency (default 1), as the RSS 1.0 module defines them. */
    private static void syndication(String period, String frequency, List<Candidate> valid, List<String> notes) {
        if (period == null && frequency == null) {
            return;
        }
        String p = period == null ? "daily" : period.toLowerCase(Locale.ROOT);
        long periodSeconds = switch (p) {
            case "hourly" -> 3600;
            case "daily" -> 86_400;
            case "weekly" -> 604_800;
            case "monthly" -> 2_592_000; // 30 days
            case "yearly" -> 31_536_000;
            default -> -1;
        };
        if (periodSeconds < 0) {
            notes.add("ignored sy:updatePeriod \"" + period + "\": not hourly, daily, weekly, monthly or yearly");
            return;
        }
        long times = 1;
        if (frequency != null) {
            Long f = wholeNumber(frequency, "sy:updateFrequency", "times per period", 1, Integer.MAX_VALUE, notes);
            if (f == null) {
                return;
            }
            if (f == 0) {
                notes.add("ignored sy:updateFrequency \"" + frequency + "\": zero times per period");
                return;
            }
            times = f;
        }
        valid.add(new Candidate(SY, periodSeconds / times));
    }

    /**
     * A whole, non-negative number times {@code unit}, at most {@code max} (more than a year, for the hints in time);
     * else null and a note saying why.
     */
    private static Long wholeNumber(String text, String what, String unitName, long unit, long max, List<String> notes) {
        String shown = "ignored " + what + " \"" + text + "\": ";
        if (!text.matches("[+-]?\\d+")) {
            notes.add(shown + "not a whole number of " + unitName);
            return null;
        }
        if (text.startsWith("-")) {
            notes.add(shown + "negative");
            return null;
        }
        String digits = text.startsWith("+") ? text.substring(1) : text;
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            value = Long.MAX_VALUE;
        }
        if (value > max / unit) {
            notes.add(shown + (max == IMPLAUSIBLE_SECONDS ? "more than a year" : "too large"));
            return null;
        }
        return value * unit;
    }
}
