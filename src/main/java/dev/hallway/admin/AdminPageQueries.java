package dev.hallway.admin;

import dev.hallway.conference.Classification;
import dev.hallway.entry.ConferenceAssigner;
import dev.hallway.entry.Entry;
import dev.hallway.source.Source;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the admin page lists: feeds, recent classification decisions, subscriber counts and search. */
@ApplicationScoped
public class AdminPageQueries {

    /** Newest posts looked at for the classification review. */
    static final int REVIEW_WINDOW = 300;
    /** Decisions shown at most. */
    static final int REVIEW_ROWS = 50;
    /** A post that is not a report but whose closest candidate scored at least this is shown for review. */
    static final double CLOSE = 0.2;
    static final int SEARCH_ROWS = 50;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Inject
    ConferenceAssigner assigner;

    static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    public List<AdminView.FeedRow> feeds() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<AdminView.FeedRow> rows = new ArrayList<>();
            for (Source s : Source.<Source>list("order by active desc, id")) {
                rows.add(new AdminView.FeedRow(s.id, s.displayName(), s.url, s.active, s.status == null ? "—" : s.status.json(),
                        time(s.lastPolledAt), s.lastHttpStatus, s.lastError, s.consecutiveFailures));
            }
            return rows;
        });
    }

    /**
     * Among the newest posts, the conference reports and the posts whose closest candidate came near, lowest
     * confidence first (the ones most worth a look); pinned decisions last.
     */
    public List<AdminView.ClassificationRow> classifications() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<Long, Source> sources = Source.byId();
            List<AdminView.ClassificationRow> rows = new ArrayList<>();
            for (Entry e : Entry.<Entry>find("order by publishedAt desc, id desc").page(0, REVIEW_WINDOW).list()) {
                Source source = sources.get(e.sourceId);
                String blog = source == null ? "" : source.displayName();
                Classification decided = ConferenceAssigner.read(e);
                if (decided != null) {
                    rows.add(row(e, blog, true, decided, e.conferencePinned ? null : e.conferenceConfidence));
                } else if (e.conferencePinned) {
                    rows.add(row(e, blog, false, null, null)); // pinned "not a report"
                } else {
                    Classification nearest = assigner.nearest(e, source == null ? null : source.conferenceHint);
                    if (nearest != null && nearest.confidence() >= CLOSE) {
                        rows.add(row(e, blog, false, nearest, nearest.confidence()));
                    }
                }
                if (rows.size() >= REVIEW_ROWS) {
                    break;
                }
            }
            rows.sort(Comparator.comparing((AdminView.ClassificationRow r) -> r.pinned())
                    .thenComparing(r -> r.confidence() == null ? 2.0 : r.confidence()));
            return rows;
        });
    }

    private static AdminView.ClassificationRow row(Entry e, String blog, boolean report, Classification c, Double confidence) {
        return new AdminView.ClassificationRow(e.id, e.title, e.url, blog, time(e.publishedAt), report, e.conferencePinned,
                c == null ? null : c.name(), c == null ? null : c.series(), c == null ? null : c.edition(), confidence,
                c == null ? List.of() : c.evidence());
    }

    /** The conference series stored entries report on, for the Pin to… field's suggestions. */
    public List<String> seriesOptions() {
        return QuarkusTransaction.requiringNew().call(() -> Entry.getEntityManager().createQuery(
                "select distinct e.conferenceSeries from Entry e where e.conferenceSeries is not null order by e.conferenceSeries",
                String.class).setMaxResults(1000).getResultList());
    }

    /** Subscribers per status, every status listed. */
    public List<AdminView.StatusCount> subscriberCounts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
            for (SubscriberStatus status : SubscriberStatus.values()) {
                counts.put(status, 0L);
            }
            for (Object[] row : Subscriber.getEntityManager().createQuery(
                    "select s.status, count(s) from Subscriber s group by s.status", Object[].class).getResultList()) {
                counts.put((SubscriberStatus) row[0], (Long) row[1]);
            }
            List<AdminView.StatusCount> result = new ArrayList<>();
            counts.forEach((status, count) -> result.add(new AdminView.StatusCount(status.json(), count)));
            return result;
        });
    }

    /** Subscribers whose address contains the text (any case; % and _ are plain characters), exact match first. */
    public List<AdminView.SubscriberRow> search(String query) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        String pattern = "%" + likeEscaped(q) + "%";
        return QuarkusTransaction.requiringNew().call(() -> {
            List<AdminView.SubscriberRow> rows = new ArrayList<>();
            for (Subscriber s : Subscriber.getEntityManager().createQuery(
                            "select s from Subscriber s where lower(s.email) like :pattern escape '\\' "
                                    + "order by case when lower(s.email) = :exact then 0 else 1 end, s.email", Subscriber.class)
                    .setParameter("pattern", pattern).setParameter("exact", q).setMaxResults(SEARCH_ROWS).getResultList()) {
                rows.add(new AdminView.SubscriberRow(s.id, s.email, s.status.json(),
                        s.series == null || s.series.isEmpty() ? "all" : String.join(", ", s.series), time(s.createdAt)));
            }
            return rows;
        });
    }

    /** The text as a LIKE pattern matching itself: \ % and _ escaped with \. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
