package dev.hallway.entry;

import dev.hallway.common.SqlErrors;
import dev.hallway.normalize.NormalizedEntry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.StaleStateException;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Stores the posts of one fetched feed: one row per dedupe key, updated in place when the post changes,
 * and a sighting per feed that carried it.
 */
@ApplicationScoped
public class EntryStore {

    @Inject
    ConferenceAssigner assigner;
    @Inject
    EntryChanges changes;
    @Inject
    EntryMetrics metrics;
    @Inject
    SyndicationMatcher copies;

    /** {@code writeStatements}: JDBC statements that wrote the poll's new and seen-again rows (a batch counts once). */
    public record Result(int found, int added, int updated, int writeStatements) {
    }

    /**
     * Stores in its own transaction; when another poll inserted the same post at the same moment, or another writer
     * changed one of its rows since it was read, reads again and merges.
     *
     * @param siteUrl the feed's own site (its {@code link}), which tells whether a post comes from its own site
     */
    public Result store(long sourceId, String conferenceHint, String siteUrl, List<NormalizedEntry> items, Instant seenAt) {
        Map<String, NormalizedEntry> unique = new LinkedHashMap<>();
        for (NormalizedEntry item : items) {
            unique.putIfAbsent(item.dedupeKey(), item); // a feed listing one post twice: its first (newest) copy wins
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return metrics.ingested(QuarkusTransaction.requiringNew().call(() -> storeOnce(sourceId, conferenceHint, siteUrl, unique, seenAt)));
            } catch (RuntimeException e) {
                // another poll inserted the same post, or a poll, pin or reclassification wrote one of these rows
                // since they were read (their version moved on): read them again and merge
                if (attempt >= 3 || !(SqlErrors.isUniqueViolation(e) || SqlErrors.isStaleRow(e))) {
                    throw e;
                }
                Log.debugf("entry store for source %d raced with another writer, merging (attempt %d)", sourceId, attempt);
            }
        }
    }

    private Result storeOnce(long sourceId, String hint, String siteUrl, Map<String, NormalizedEntry> items, Instant seenAt) {
        if (items.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        EntityManager em = Entry.getEntityManager();
        Map<String, KnownPosts.Known> known = KnownPosts.lookup(sourceId, items.keySet());
        EntryBatch batch = new EntryBatch(seenAt);
        Map<Long, Entry> loaded = new HashMap<>(); // read through Hibernate: an edit, a copy check
        // (a lambda, not Entry::findById: Panache generates findById in Entry, a method reference binds the base class)
        LongFunction<Entry> entity = id -> loaded.computeIfAbsent(id, i -> Entry.findById(i));
        int added = 0, updated = 0;
        for (NormalizedEntry item : items.values()) {
            KnownPosts.Known k = known.get(item.dedupeKey());
            boolean fromSite = PreferredCopy.fromSite(siteUrl, item.url());
            if (k != null && !k.byAlias()) {
                long entryId = k.entryId();
                if (k.pruned()) {
                    // retention took its text away: seen again, never stored again nor given its text back
                    batch.seenAgain(entryId, k.rowVersion(), null, null);
                } else if (!PreferredCopy.replaces(k.shownSourceId(), k.contentFromSite(), sourceId, fromSite, item,
                        () -> entity.apply(entryId).contentHtml)) {
                    batch.seenAgain(entryId, k.rowVersion(), null, null); // another feed's copy of a post whose preferred copy we show
                } else if (k.contentHash().equals(item.contentHash())) {
                    batch.seenAgain(entryId, k.rowVersion(), sourceId, fromSite);
                } else {
                    Entry entry = entity.apply(entryId);
                    if (entry == null || entry.rowVersion != k.rowVersion()) {
                        throw new StaleStateException("entry " + entryId + " changed since the poll read it");
                    }
                    if (update(entry, item, sourceId, fromSite, seenAt)) {
                        copies.remember(entry, false);
                        assigner.assign(entry, hint, item.text());
                        updated++;
                    }
                }
                batch.sight(entryId, k.sighted(), item.guid(), item.url());
            } else if (k != null) {
                // a syndicated copy seen again: the post is seen again, its text stays the original's
                batch.seenAgain(k.entryId(), k.rowVersion(), null, null);
                batch.sight(k.entryId(), k.sighted(), item.guid(), item.url());
            } else {
                Entry original = copies.original(item, id -> {
                    Entry pending = batch.pending(id);
                    return pending != null ? pending : entity.apply(id);
                });
                if (original != null) {
                    batch.alias(alias(item, original, seenAt));
                    original.lastSeenAt = seenAt; // a syndicated copy: the post is seen again, its text stays the original's
                    long entryId = original.id;
                    boolean stored = batch.pending(entryId) == null && !batch.sighted(entryId);
                    batch.sight(entryId, stored && hasSighting(entryId, sourceId), item.guid(), item.url());
                } else {
                    Entry entry = newEntry(sourceId, fromSite, item, seenAt);
                    batch.insert(em, entry);
                    copies.remember(entry, true);
                    assigner.assign(entry, hint, item.text());
                    added++;
                    batch.sight(entry.id, false, item.guid(), item.url());
                }
            }
        }
        batch.write(em, sourceId, loaded);
        if (added + updated > 0) {
            changes.changed();
        }
        return new Result(items.size(), added, updated, batch.statements());
    }

    private static boolean hasSighting(long entryId, long sourceId) {
        return Sighting.count("key.entryId = ?1 and key.sourceId = ?2", entryId, sourceId) > 0;
    }

    /** A new post's row, written by {@link EntryBatch}. */
    private static Entry newEntry(long sourceId, boolean fromSite, NormalizedEntry item, Instant seenAt) {
        Entry entry = new Entry();
        entry.dedupeKey = item.dedupeKey();
        entry.sourceId = sourceId;
        entry.contentSourceId = sourceId;
        entry.contentFromSite = fromSite;
        entry.firstSeenAt = seenAt;
        copy(item, entry);
        entry.lastSeenAt = seenAt;
        entry.changedAt = seenAt;
        return entry;
    }

    /** The same URL with a new title or body (from the feed whose copy is shown): updated in place. Returns whether anything changed. */
    private static boolean update(Entry entry, NormalizedEntry item, long sourceId, boolean fromSite, Instant seenAt) {
        entry.lastSeenAt = seenAt;
        entry.contentSourceId = sourceId;
        entry.contentFromSite = fromSite;
        if (entry.contentHash.equals(item.contentHash())) {
            return false;
        }
        Instant firstPublished = entry.publishedAt;
        boolean wasMissing = entry.dateMissing;
        Instant previousUpdate = entry.updatedAt;
        copy(item, entry);
        if (item.dateMissing()) {
            entry.publishedAt = firstPublished; // an undated post keeps the time we first saw it
            entry.dateMissing = wasMissing;
        }
        entry.updatedAt = item.updated().isAfter(previousUpdate) ? item.updated() : seenAt;
        entry.changedAt = seenAt;
        return true;
    }

    private static EntryAlias alias(NormalizedEntry item, Entry original, Instant seenAt) {
        EntryAlias alias = new EntryAlias();
        alias.dedupeKey = item.dedupeKey();
        alias.entryId = original.id;
        alias.canonicalUrl = item.canonicalUrl();
        alias.createdAt = seenAt;
        return alias;
    }

    private static void copy(NormalizedEntry item, Entry entry) {
        entry.canonicalUrl = item.canonicalUrl();
        entry.url = item.url();
        entry.guid = item.guid();
        entry.title = item.title();
        entry.authors = item.authors();
        entry.publishedAt = item.published();
        entry.updatedAt = item.updated();
        entry.dateMissing = item.dateMissing();
        entry.dateClamped = item.dateClamped();
        entry.language = item.language();
        entry.tags = item.tags();
        entry.summary = item.summary();
        entry.contentHtml = item.contentHtml();
        entry.contentHash = item.contentHash();
        entry.contentFingerprint = item.fingerprint();
    }
}
