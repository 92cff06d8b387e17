package dev.hallway.conference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The learned weights of the report scorer: a logistic regression over {@link ReportFeatures}, fitted by
 * ReportModelTrainer (LIBLINEAR) on the labelled posts and shipped as {@code conferences/report-model.json}.
 * The probability that a candidate is what the post reports on is {@code 1 / (1 + e^-(bias + Σ weight × value))}.
 *
 * @param version   changes whenever the weights do, so stored entries are classified again
 * @param threshold the least probability that makes a post a report
 * @param trainedOn what the weights were fitted on (posts, blogs, reports), for the record
 */
@io.quarkus.runtime.annotations.RegisterForReflection // bound by our own ObjectMappers, also in a native image
public record ReportModel(String version, double bias, double threshold, Map<String, Double> weights,
                          Map<String, Object> trainedOn) {

    static final String RESOURCE = "/conferences/report-model.json";
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static volatile ReportModel builtIn;

    static ReportModel builtIn() {
        if (builtIn == null) {
            try (InputStream in = ReportModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("report model " + RESOURCE + " is missing from the build");
                }
                builtIn = JSON.readValue(in, ReportModel.class);
            } catch (IOException e) {
                throw new UncheckedIOException("report model " + RESOURCE + " is unreadable", e);
            }
        }
        return builtIn;
    }

    /** The same weights deciding at another threshold. */
    ReportModel withThreshold(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("a report threshold is a probability between 0 and 1 (exclusive), not "
                    + threshold);
        }
        return new ReportModel(version, bias, threshold, weights, trainedOn);
    }

    double probability(ReportFeatures.Vector v) {
        double z = bias;
        for (Map.Entry<String, Double> f : v.values().entrySet()) {
            z += weights.getOrDefault(f.getKey(), 0.0) * f.getValue();
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The features that weighed in the decision, heaviest first, with their weights and the words behind them. */
    List<Evidence> explain(ReportFeatures.Vector v) {
        List<Evidence> evidence = new ArrayList<>();
        for (Map.Entry<String, Double> f : v.values().entrySet()) {
            double w = weights.getOrDefault(f.getKey(), 0.0) * f.getValue();
            if (Math.abs(w) >= 0.005) {
                String why = v.why().get(f.getKey());
                evidence.add(new Evidence(f.getKey(), why == null ? "" : why, Math.round(w * 100) / 100.0));
            }
        }
        evidence.sort(Comparator.comparingDouble(e -> -Math.abs(e.weight())));
        return evidence;
    }
}
