package dev.hallway.entry;

import dev.hallway.normalize.ContentFingerprint;
import dev.hallway.normalize.NormalizedEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Finds, for a post new to us, a stored post with the same text under another URL: the copy a blog republishes
 * from another site. Only posts published within {@link #WINDOW} of each other are the same post.
 */
@ApplicationScoped
class SyndicationMatcher {

    static final Duration WINDOW = Duration.ofDays(60);

    @Inject
    FingerprintIndex index;

    /**
     * The stored post this one is a copy of, or null. Runs inside the store's transaction; {@code entries} reads a
     * post by id (one this poll is about to insert, or a stored one), null when there is none.
     */
    Entry original(NormalizedEntry item, LongFunction<Entry> entries) {
        for (Long id : index.near(item.fingerprint())) {
            Entry candidate = entries.apply(id);
            // the index can hold a slot that no longer holds (a rolled-back insert, an edited post): check the row
            if (candidate != null
                    && ContentFingerprint.sameContent(candidate.contentFingerprint, item.fingerprint())
                    && Duration.between(candidate.publishedAt, item.published()).abs().compareTo(WINDOW) <= 0) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A post just stored, or whose text changed: a later item (of this batch or another) can be its copy. Keeps this
     * instance's index in step, and the fingerprint row of a changed post ({@link EntryBatch} writes a new post's).
     */
    void remember(Entry entry, boolean isNew) {
        if (!isNew) {
            EntryFingerprint.track(entry);
        }
        index.add(entry.id, entry.contentFingerprint);
    }
}
