package dev.hallway.entry;

import dev.hallway.normalize.ContentFingerprint;
import dev.hallway.normalize.NormalizedEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds, for a post new to us, a stored post with the same text under another URL: the copy a blog republishes
 * from another site. Only posts published within {@link #WINDOW} of each other are compared, in one query per batch.
 */
final class SyndicationMatcher {

    static final Duration WINDOW = Duration.ofDays(60);

    private record Candidate(long id, long fingerprint, Instant published) {
    }

    private final List<Candidate> candidates = new ArrayList<>();

    /** Loads the stored fingerprints that could match any of these new posts. */
    SyndicationMatcher(List<NormalizedEntry> fresh) {
        Instant from = null, to = null;
        for (NormalizedEntry item : fresh) {
            if (item.fingerprint() == 0) {
                continue;
            }
            from = from == null || item.published().isBefore(from) ? item.published() : from;
            to = to == null || item.published().isAfter(to) ? item.published() : to;
        }
        if (from == null) {
            return;
        }
        List<Object[]> rows = Entry.getEntityManager().createQuery(
                        "select f.entryId, f.fingerprint, f.publishedAt from EntryFingerprint f "
                                + "where f.publishedAt between :from and :to", Object[].class)
                .setParameter("from", from.minus(WINDOW))
                .setParameter("to", to.plus(WINDOW))
                .getResultList();
        for (Object[] row : rows) {
            candidates.add(new Candidate((Long) row[0], (Long) row[1], (Instant) row[2]));
        }
    }

    /** The stored post this one is a copy of, or null. */
    Entry original(NormalizedEntry item) {
        if (item.fingerprint() == 0) {
            return null;
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            if (!ContentFingerprint.sameContent(c.fingerprint(), item.fingerprint())) {
                continue; // one XOR and a bit count: rules out nearly every candidate before any date arithmetic
            }
            boolean near = Duration.between(c.published(), item.published()).abs().compareTo(WINDOW) <= 0;
            if (near
                    && (best == null || Long.bitCount(c.fingerprint() ^ item.fingerprint())
                    < Long.bitCount(best.fingerprint() ^ item.fingerprint()))) {
                best = c;
            }
        }
        return best == null ? null : Entry.findById(best.id());
    }

    /** A post inserted in this batch can be the original of a later item of the same batch. */
    void remember(Entry entry) {
        if (entry.contentFingerprint != 0) {
            candidates.add(new Candidate(entry.id, entry.contentFingerprint, entry.publishedAt));
        }
    }
}
