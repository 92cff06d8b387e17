package dev.hallway.conference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The known conference series: the built-in catalogue with feeds.yaml's additions and overrides on top, and the
 * series and real edition dates of the open conference-data set ({@link ConferenceDataSet}) beside them.
 */
public final class Catalogue {

    static final String BUILT_IN = "/conferences/catalogue.yaml";
    /** Reads catalogue entries, refusing unknown keys (shared with feeds.yaml's checker). */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private final Map<String, ConferenceSeries> bySlug;
    private final Map<String, List<DatedEdition>> dated;

    private Catalogue(Map<String, ConferenceSeries> bySlug, Map<String, List<DatedEdition>> dated) {
        this.bySlug = bySlug;
        this.dated = dated;
    }

    public static List<ConferenceSeries> builtIn() {
        try (InputStream in = Catalogue.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in catalogue " + BUILT_IN + " is missing from the build");
            }
            return YAML.readValue(in, new TypeReference<List<ConferenceSeries>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("built-in catalogue " + BUILT_IN + " is unreadable", e);
        }
    }

    /** The built-in series, then each addition (new slug) or override (known slug, merged field by field). */
    public static Catalogue of(List<ConferenceSeries> builtIn, List<ConferenceSeries> fromFeedsFile) {
        return of(builtIn, fromFeedsFile, ConferenceDataSet.builtIn());
    }

    static Catalogue of(List<ConferenceSeries> builtIn, List<ConferenceSeries> fromFeedsFile, List<ConferenceDataSet.Row> dataSet) {
        Map<String, ConferenceSeries> bySlug = new LinkedHashMap<>();
        for (ConferenceSeries series : builtIn) {
            bySlug.put(series.slug(), series);
        }
        for (ConferenceSeries series : fromFeedsFile) {
            bySlug.merge(series.slug(), series, ConferenceSeries::merge);
        }
        ConferenceDataSet.Merged merged = ConferenceDataSet.merge(bySlug.values(), dataSet);
        merged.listed().forEach(s -> bySlug.putIfAbsent(s.slug(), s));
        return new Catalogue(bySlug, merged.dated());
    }

    /** The series' editions with real dates, oldest first; empty when the data set does not list it. */
    public List<DatedEdition> dated(String slug) {
        return dated.getOrDefault(slug, List.of());
    }

    /** Every host city the catalogue knows: the data set's and the curated series' own. */
    List<String> cities() {
        List<String> cities = new ArrayList<>();
        dated.values().forEach(editions -> editions.forEach(e -> cities.add(e.city())));
        bySlug.values().forEach(s -> cities.addAll(s.cities()));
        cities.removeIf(String::isEmpty);
        return cities;
    }

    public ConferenceSeries series(String slug) {
        return bySlug.get(slug);
    }

    public Collection<ConferenceSeries> all() {
        return bySlug.values();
    }

    public int size() {
        return bySlug.size();
    }

    List<ConferenceSeries> list() {
        return new ArrayList<>(bySlug.values());
    }
}
