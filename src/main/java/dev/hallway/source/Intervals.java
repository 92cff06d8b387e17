package dev.hallway.source;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Poll intervals as people write them: {@code 30m}, {@code 2h}, {@code 1h30m}, {@code 1d}, or ISO-8601 {@code PT30M}. */
final class Intervals {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    private Intervals() {
    }

    /** @throws IllegalArgumentException with a message fit for the user */
    static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration = value.startsWith("p") ? iso(text.trim()) : shortForm(value, text);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("interval must be longer than zero: '" + text + "'");
        }
        return duration;
    }

    private static Duration iso(String text) {
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw invalid(text);
        }
    }

    private static Duration shortForm(String value, String original) {
        Matcher m = SHORT.matcher(value);
        if (value.isEmpty() || !m.matches()) {
            throw invalid(original);
        }
        return Duration.ofDays(number(m.group(1)))
                .plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3)))
                .plusSeconds(number(m.group(4)));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid interval '" + text
                + "': write it like 30m, 2h, 1h30m, 1d or ISO-8601 PT30M");
    }
}
