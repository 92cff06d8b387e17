package dev.hallway.conference;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hallway.common.Hashing;
import dev.hallway.config.HallwayConfig;
import dev.hallway.source.FeedsConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The catalogue in force (built in + feeds.yaml) and its classifier. Every time feeds.yaml is applied it says which
 * catalogue is in force ({@link CatalogueChanged}); the store classifies its entries again when that differs from the
 * one they were classified with (a catalogue edit, a new release of the classifier).
 */
@ApplicationScoped
public class Conferences {

    /** Bump when the classifier's features change, so stored entries are classified again on upgrade (the model's own
     *  version is part of the stored version too: retrained weights reclassify as well). */
    static final String CLASSIFIER_VERSION = "2";

    @Inject
    Event<CatalogueChanged> changes;
    @Inject
    HallwayConfig config;

    private final List<ConferenceSeries> builtIn = Catalogue.builtIn();
    private double threshold;
    private volatile ConferenceClassifier classifier;

    @PostConstruct
    void init() {
        // hallway.conferences.report-threshold: a bad value stops the start with withThreshold's message
        threshold = config.conferences().reportThreshold().orElse(ReportModel.builtIn().threshold());
        classifier = new ConferenceClassifier(Catalogue.of(builtIn, List.of()), threshold);
    }

    public ConferenceClassifier classifier() {
        return classifier;
    }

    public Catalogue catalogue() {
        return classifier.catalogue();
    }

    void onFeedsFile(@Observes FeedsConfig config) {
        Catalogue catalogue;
        try {
            catalogue = Catalogue.of(builtIn, CatalogueSection.read(config.conferences()));
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw new IllegalStateException("feeds.yaml's conferences were checked when read", e);
        }
        classifier = new ConferenceClassifier(catalogue, threshold);
        // the feeds' conference hints are evidence too: changing one reclassifies as well
        String hints = config.feeds().stream().filter(f -> f.conference() != null)
                .map(f -> f.url() + "=" + f.conference()).sorted().reduce("", (a, b) -> a + "\n" + b);
        String version = version(catalogue) + ":" + Hashing.sha256Hex(hints).substring(0, 16);
        changes.fire(new CatalogueChanged(version, catalogue.size()));
    }

    private String version(Catalogue catalogue) {
        try {
            return CLASSIFIER_VERSION + ":" + ReportModel.builtIn().version() + ":" + threshold + ":"
                    + Hashing.sha256Hex(Catalogue.YAML.writeValueAsString(catalogue.list()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
