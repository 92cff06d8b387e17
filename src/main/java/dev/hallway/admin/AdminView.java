package dev.hallway.admin;

import dev.hallway.conference.Evidence;
import dev.hallway.digest.DigestSummary;

import java.util.List;

/** What the admin page shows (templates/pages/admin.html). */
public record AdminView(String csrf, String sessionEnds, Flash flash, List<FeedRow> feeds, List<ClassificationRow> classifications,
                        List<String> seriesOptions, String delivery, List<DigestSummary> digests, String defaultWeek,
                        List<StatusCount> subscriberCounts, String query, List<SubscriberRow> found) {

    static final int LEADING_EVIDENCE = 4;

    /** The outcome of the last action, shown once after its redirect. */
    public record Flash(String message, boolean error) {
    }

    public record FeedRow(long id, String name, String url, boolean active, String status, String lastPoll, Integer httpStatus,
                          String lastError, int failures) {
    }

    /**
     * An entry's conference decision: a report ({@code report}), pinned or not, or not a report whose closest
     * candidate ({@code candidate}, with its confidence) came near the threshold.
     */
    public record ClassificationRow(long id, String title, String url, String blog, String date, boolean report,
                                    boolean pinned, String candidate, String series, String edition, Double confidence,
                                    List<Evidence> evidence) {
        /** Shown at once: the heaviest reasons (evidence comes heaviest first). */
        public List<Evidence> leadingEvidence() {
            return evidence.subList(0, Math.min(LEADING_EVIDENCE, evidence.size()));
        }

        /** Behind a "more" disclosure. */
        public List<Evidence> otherEvidence() {
            return evidence.subList(Math.min(LEADING_EVIDENCE, evidence.size()), evidence.size());
        }

        public String confidenceText() {
            return confidence == null ? "—" : String.format(java.util.Locale.ROOT, "%.2f", confidence);
        }
    }

    public record StatusCount(String status, long count) {
    }

    public record SubscriberRow(long id, String email, String status, String series, String created) {
    }
}
