package dev.hallway.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallway.common.ColumnText;
import dev.hallway.conference.Classification;
import dev.hallway.conference.ClassifierInput;
import dev.hallway.conference.Conferences;
import dev.hallway.conference.Evidence;
import dev.hallway.normalize.PlainText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Writes the classifier's decision onto an entry, unless an operator pinned it. */
@ApplicationScoped
public class ConferenceAssigner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(ConferenceAssigner.class);

    @Inject
    Conferences conferences;

    /** The classifier's decision on a stored entry (its body as stored). */
    public Classification classify(Entry entry, String hint) {
        return classify(entry, hint, PlainText.ofHtml(entry.contentHtml));
    }

    private Classification classify(Entry entry, String hint, String text) {
        return guarded(entry, () -> conferences.classifier().classify(input(entry, hint, text)));
    }

    /** The classifier's closest candidate for a stored entry, below the threshold too (null: no event named). */
    public Classification nearest(Entry entry, String hint) {
        return guarded(entry, () -> conferences.classifier().nearest(input(entry, hint,
                PlainText.ofHtml(entry.contentHtml))));
    }

    private static ClassifierInput input(Entry entry, String hint, String text) {
        return new ClassifierInput(entry.title, entry.tags, entry.url, text, hint, entry.publishedAt);
    }

    /**
     * A post the classifier cannot read is still stored (without a conference), the rest of its feed too, and the
     * admin page that shows its nearest candidate still opens.
     */
    private static Classification guarded(Entry entry, Supplier<Classification> classifier) {
        try {
            return classifier.get();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not classify %s (%s); taken as naming no conference", entry.url, entry.title);
            return null;
        }
    }

    /** @return true when the entry's conference changed */
    public boolean assign(Entry entry, String hint) {
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
        String before = entry.conferenceSlug;
        write(entry, classify(entry, hint, text));
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

    /**
     * The conference columns as {@link #write} sets them and as a row stores them (cut to their sizes), by entity
     * field: for a targeted UPDATE that changes these columns only, which skips {@code @PreUpdate}.
     */
    static Map<String, Object> columns(Classification c) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("conferenceSlug", c == null ? null : ColumnText.cut(c.slug(), ColumnLimits.CONFERENCE_SLUG));
        columns.put("conferenceSeries", c == null ? null : ColumnText.cut(c.series(), ColumnLimits.CONFERENCE_SERIES));
        columns.put("conferenceSeriesName", c == null ? null : ColumnText.cut(c.seriesName(), ColumnLimits.CONFERENCE_SERIES_NAME));
        columns.put("conferenceEdition", c == null ? null : ColumnText.cut(c.edition(), ColumnLimits.CONFERENCE_EDITION));
        columns.put("conferenceName", c == null ? null : ColumnText.cut(c.name(), ColumnLimits.CONFERENCE_NAME));
        columns.put("conferenceYear", c == null ? null : c.year());
        columns.put("conferenceConfidence", c == null ? null : c.confidence());
        columns.put("conferenceDetected", c != null && c.detected());
        columns.put("conferenceInferred", c != null && c.inferred());
        columns.put("conferenceEvidence", c == null ? null : json(c.evidence()));
        return columns;
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
