package dev.hallway.conference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallway.entry.Entry;
import dev.hallway.normalize.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Objects;

/** Writes the classifier's decision onto an entry, unless an operator pinned it. */
@ApplicationScoped
public class ConferenceAssigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Conferences conferences;

    /** @return true when the entry's conference changed */
    public boolean assign(Entry entry, String hint) {
        if (entry.conferencePinned) {
            return false;
        }
        return assign(entry, hint, PlainText.ofHtml(entry.contentHtml));
    }

    /**
     * The same, with the plain text of the entry's body already at hand (the normalizer's, equal to
     * {@code PlainText.ofHtml(entry.contentHtml)}): saves parsing the body once more while storing a feed.
     */
    public boolean assign(Entry entry, String hint, String text) {
        if (entry.conferencePinned) {
            return false;
        }
        Classification c = conferences.classifier().classify(new ClassifierInput(entry.title, entry.tags, entry.url,
                text, hint, entry.publishedAt));
        String before = entry.conferenceSlug;
        write(entry, c);
        return !Objects.equals(before, entry.conferenceSlug);
    }

    /** Sets (or, with null, clears) the entry's conference. */
    public static void write(Entry entry, Classification c) {
        entry.conferenceSlug = c == null ? null : c.slug();
        entry.conferenceSeries = c == null ? null : c.series();
        entry.conferenceSeriesName = c == null ? null : c.seriesName();
        entry.conferenceEdition = c == null ? null : c.edition();
        entry.conferenceName = c == null ? null : c.name();
        entry.conferenceYear = c == null ? null : c.year();
        entry.conferenceConfidence = c == null ? null : c.confidence();
        entry.conferenceDetected = c != null && c.detected();
        entry.conferenceInferred = c != null && c.inferred();
        entry.conferenceEvidence = c == null ? null : json(c.evidence());
    }

    /** The entry's conference as the API shows it, or null. */
    public static Classification read(Entry entry) {
        if (entry.conferenceSlug == null) {
            return null;
        }
        return new Classification(entry.conferenceSlug, entry.conferenceSeries, entry.conferenceSeriesName,
                entry.conferenceEdition, entry.conferenceName, entry.conferenceYear,
                entry.conferenceConfidence == null ? 0 : entry.conferenceConfidence, entry.conferenceDetected,
                entry.conferenceInferred, entry.conferencePinned, evidence(entry.conferenceEvidence));
    }

    private static String json(List<Evidence> evidence) {
        try {
            return JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Evidence> evidence(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
