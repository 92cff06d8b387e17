package dev.hallway.publish;

import dev.hallway.entry.ConferenceEditions.EditionSummary;

import java.util.Comparator;

/**
 * Editions of one series by edition, newest first: by year, then by the edition's number ("22x" after "20x",
 * "Fall" and "Spring" of one year by name), editions with no year last. Not by their latest report, which puts a
 * late write-up of FOSDEM 2018 above FOSDEM 2019.
 */
final class EditionOrder {

    static final Comparator<EditionSummary> NEWEST_FIRST = Comparator
            .comparing(EditionSummary::year, Comparator.nullsLast(Comparator.<Integer>reverseOrder()))
            .thenComparing(e -> leadingNumber(e.edition()), Comparator.reverseOrder())
            .thenComparing(e -> e.edition() == null ? "" : e.edition(), Comparator.reverseOrder())
            .thenComparing(EditionSummary::slug);

    /** Oldest first, as a chart's bars read left to right. */
    static final Comparator<EditionSummary> OLDEST_FIRST = NEWEST_FIRST.reversed();

    private EditionOrder() {
    }

    /** The first number written in an edition ("20x" → 20, "Amsterdam 2024" → 2024), -1 without one. */
    static long leadingNumber(String edition) {
        if (edition == null) {
            return -1;
        }
        int i = 0;
        while (i < edition.length() && !Character.isDigit(edition.charAt(i))) {
            i++;
        }
        long n = -1;
        for (int digits = 0; i < edition.length() && Character.isDigit(edition.charAt(i)) && digits < 12; i++, digits++) {
            n = (n < 0 ? 0 : n * 10) + Character.digit(edition.charAt(i), 10);
        }
        return n;
    }
}
