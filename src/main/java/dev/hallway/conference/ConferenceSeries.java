package dev.hallway.conference;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A conference series as written in the built-in catalogue or in feeds.yaml's {@code conferences:} section.
 *
 * @param editions how editions are named: {@code year} (FOSDEM 2019), {@code ordinal} (SCaLE 20x),
 *                 {@code city-year} (DevOpsDays Amsterdam 2024)
 * @param month    the usual month(s) of the event, to infer an edition from a post date
 */
@io.quarkus.runtime.annotations.RegisterForReflection // bound by our own ObjectMappers, also in a native image
public record ConferenceSeries(String slug, String name, List<String> aliases, List<String> abbreviations,
                               String editions, Ordinal ordinal, List<String> cities,
                               @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> month,
                               String site, String kind) {

    /** The kind of a series that only the open conference-data set lists: matched only as its name is written. */
    public static final String LISTED = "listed";

    /** Numbered editions: {@code format} holds {n}, e.g. "{n}x" for SCaLE, "{n}C3" for the Chaos Communication Congress. */
    public record Ordinal(String format, @JsonProperty("first-year") Integer firstYear, Map<Integer, Integer> known) {

        /** The year of edition n, or null when unknown. */
        public Integer yearOf(int n) {
            if (known != null && known.containsKey(n)) {
                return known.get(n);
            }
            return firstYear == null ? null : firstYear + n - 1;
        }

        /** The edition number held in a year, or null. */
        public Integer numberIn(int year) {
            if (known != null) {
                for (Map.Entry<Integer, Integer> e : known.entrySet()) {
                    if (e.getValue() == year) {
                        return e.getKey();
                    }
                }
                Integer latestKnown = known.keySet().stream().max(Integer::compare).orElse(null);
                if (latestKnown != null && year > known.get(latestKnown)) {
                    return latestKnown + (year - known.get(latestKnown));
                }
            }
            return firstYear == null || year < firstYear ? null : year - firstYear + 1;
        }

        public String label(int n) {
            return format.replace("{n}", Integer.toString(n));
        }
    }

    public List<String> aliases() {
        return aliases == null ? List.of() : aliases;
    }

    public List<String> abbreviations() {
        return abbreviations == null ? List.of() : abbreviations;
    }

    public List<String> cities() {
        return cities == null ? List.of() : cities;
    }

    public List<Integer> month() {
        return month == null ? List.of() : month;
    }

    public String editions() {
        return editions == null ? "year" : editions;
    }

    public boolean numbered() {
        return "ordinal".equals(editions()) && ordinal != null && ordinal.format() != null;
    }

    public boolean byCity() {
        return "city-year".equals(editions());
    }

    public boolean listed() {
        return LISTED.equals(kind);
    }

    /** Fields given in {@code override} replace ours; its aliases, abbreviations and cities are added to ours. */
    ConferenceSeries merge(ConferenceSeries override) {
        return new ConferenceSeries(slug,
                override.name != null ? override.name : name,
                union(aliases(), override.aliases()),
                union(abbreviations(), override.abbreviations()),
                override.editions != null ? override.editions : editions,
                override.ordinal != null ? override.ordinal : ordinal,
                union(cities(), override.cities()),
                override.month != null ? override.month : month,
                override.site != null ? override.site : site,
                override.kind != null ? override.kind : kind);
    }

    private static List<String> union(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
