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

    /** One edition that has reports. */
    public record EditionSummary(String slug, String series, String seriesName, String edition, String name, Integer year,
                                 boolean detected, long reports, Instant firstReport, Instant lastReport) {
    }

    public List<EditionSummary> all() {
        return editions(null);
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
