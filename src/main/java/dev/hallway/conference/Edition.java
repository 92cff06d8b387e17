package dev.hallway.conference;

/**
 * One edition of a series, as a post names it: a year (FOSDEM 2019), a number (SCaLE 20x, 37C3), or a city and
 * a year (DevOpsDays Amsterdam 2024).
 *
 * @param year   the year it took place, when known
 * @param number the edition number of numbered series
 * @param city   the host city of city-year series
 * @param label  how it is written: "2019", "20x", "Amsterdam 2024"
 */
public record Edition(Integer year, Integer number, String city, String label) {

    static Edition ofYear(int year) {
        return new Edition(year, null, null, Integer.toString(year));
    }

    static Edition numbered(ConferenceSeries series, int n) {
        return new Edition(series.ordinal().yearOf(n), n, null, series.ordinal().label(n));
    }

    static Edition inCity(String city, int year) {
        return new Edition(year, null, city, city + " " + year);
    }

    /** The edition's slug under its series: fosdem-2019, scale-20x, devopsdays-amsterdam-2024. */
    String slug(String seriesSlug) {
        return seriesSlug + "-" + Slugs.of(label);
    }
}
