package dev.hallway.entry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The conference editions that have reports, newest report first. Call inside a transaction. */
@ApplicationScoped
public class ConferenceEditions {

    @Inject
    EntityManager em;
    @Inject
    dev.hallway.conference.Conferences conferences;

    /** A series a subscriber can choose to follow: its slug and its name. */
    public record FollowableSeries(String slug, String name) {
    }

    /** One edition that has reports. */
    public record EditionSummary(String slug, String series, String seriesName, String edition, String name, Integer year,
                                 boolean detected, long reports, Instant firstReport, Instant lastReport) {
    }

    public List<EditionSummary> all() {
        return editions(null);
    }

    /**
     * The catalogued series that have had reports, by name: what the subscribe form and the preferences page offer
     * (a detected event is no series anyone can follow).
     */
    public List<FollowableSeries> followableSeries(List<EditionSummary> editions) {
        java.util.Map<String, String> byName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (EditionSummary edition : editions) {
            if (!edition.detected() && conferences.catalogue().series(edition.series()) != null) {
                byName.put(edition.seriesName(), edition.series());
            }
        }
        return byName.entrySet().stream().map(e -> new FollowableSeries(e.getValue(), e.getKey())).toList();
    }

    public List<FollowableSeries> followableSeries() {
        return followableSeries(all());
    }

    public List<EditionSummary> ofSeries(String seriesSlug) {
        return editions(seriesSlug);
    }

    private List<EditionSummary> editions(String seriesSlug) {
        String where = seriesSlug == null ? "" : " and e.conferenceSeries = :series";
        var query = em.createQuery("select e.conferenceSlug, max(e.conferenceSeries), max(e.conferenceSeriesName), "
                + "max(e.conferenceEdition), max(e.conferenceName), max(e.conferenceYear), "
                + "max(case when e.conferenceDetected = true then 1 else 0 end), count(e), min(e.publishedAt), max(e.publishedAt) "
                + "from Entry e where e.conferenceSlug is not null" + where
                + " group by e.conferenceSlug order by max(e.publishedAt) desc, e.conferenceSlug", Object[].class);
        if (seriesSlug != null) {
            query.setParameter("series", seriesSlug);
        }
        List<EditionSummary> result = new ArrayList<>();
        for (Object[] r : query.getResultList()) {
            result.add(new EditionSummary((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (Integer) r[5], ((Number) r[6]).intValue() == 1, (Long) r[7], (Instant) r[8], (Instant) r[9]));
        }
        return result;
    }
}
