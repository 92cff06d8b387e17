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

    private static final java.util.Map<String, String> SEASONS = java.util.Map.of("spring", "Spring", "summer", "Summer",
            "fall", "Fall", "autumn", "Autumn", "winter", "Winter");

    /** "JJUG CCC 2024 Fall", "Go Conference 2014 Autumn": series held twice a year name the season after the year. */
    static Edition ofYear(int year, Tokens tokens, int yearAt) {
        if (yearAt + 1 < tokens.size() && tokens.gap(yearAt, yearAt + 1).isBlank()) {
            String season = SEASONS.get(tokens.get(yearAt + 1).lower());
            if (season != null) {
                return new Edition(year, null, null, year + " " + season);
            }
        }
        return ofYear(year);
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
