package dev.hallway.entry;

import dev.hallway.common.SqlErrors;
import dev.hallway.normalize.NormalizedEntry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    public record Result(int found, int added, int updated) {
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
            return new Result(0, 0, 0);
        }
        Map<String, Entry> byKey = Entry.<Entry>list("dedupeKey in ?1", items.keySet()).stream()
                .collect(Collectors.toMap(e -> e.dedupeKey, Function.identity()));
        Map<String, Entry> byAlias = aliased(items.keySet(), byKey.keySet());
        List<Long> knownIds = new ArrayList<>();
        byKey.values().forEach(e -> knownIds.add(e.id));
        byAlias.values().forEach(e -> knownIds.add(e.id));
        Map<Long, Sighting> sightings = knownIds.isEmpty() ? new HashMap<>()
                : Sighting.<Sighting>list("key.sourceId = ?1 and key.entryId in ?2", sourceId, knownIds).stream()
                .collect(Collectors.toMap(s -> s.key.entryId(), Function.identity()));
        int added = 0, updated = 0;
        for (NormalizedEntry item : items.values()) {
            Entry entry = byKey.get(item.dedupeKey());
            boolean fromSite = PreferredCopy.fromSite(siteUrl, item.url());
            if (entry != null) {
                if (!PreferredCopy.replaces(entry, sourceId, fromSite, item)) {
                    entry.lastSeenAt = seenAt; // another feed's copy of a post whose preferred copy we show
                } else if (update(entry, item, sourceId, fromSite, seenAt)) {
                    copies.remember(entry, false);
                    assigner.assign(entry, hint, item.text());
                    updated++;
                }
            } else {
                entry = byAlias.get(item.dedupeKey());
                if (entry == null) {
                    entry = copies.original(item);
                    if (entry != null) {
                        alias(item, entry, seenAt);
                        sightings.putAll(Sighting.<Sighting>list("key.sourceId = ?1 and key.entryId = ?2", sourceId, entry.id)
                                .stream().collect(Collectors.toMap(s -> s.key.entryId(), Function.identity())));
                    }
                }
                if (entry == null) {
                    entry = insert(sourceId, fromSite, item, seenAt);
                    copies.remember(entry, true);
                    assigner.assign(entry, hint, item.text());
                    added++;
                } else {
                    entry.lastSeenAt = seenAt; // a syndicated copy: the post is seen again, its text stays the original's
                }
            }
            sight(sightings, entry, sourceId, item, seenAt);
        }
        if (added + updated > 0) {
            changes.changed();
        }
        return new Result(items.size(), added, updated);
    }

    /** Entries already known under another URL, by the keys of this batch that are not their own. */
    private static Map<String, Entry> aliased(java.util.Set<String> keys, java.util.Set<String> found) {
        List<String> missing = keys.stream().filter(k -> !found.contains(k)).toList();
        if (missing.isEmpty()) {
            return Map.of();
        }
        Map<String, Entry> byAlias = new HashMap<>();
        for (EntryAlias alias : EntryAlias.<EntryAlias>list("dedupeKey in ?1", missing)) {
            byAlias.put(alias.dedupeKey, Entry.findById(alias.entryId));
        }
        return byAlias;
    }

    private static Entry insert(long sourceId, boolean fromSite, NormalizedEntry item, Instant seenAt) {
        Entry entry = new Entry();
        entry.dedupeKey = item.dedupeKey();
        entry.sourceId = sourceId;
        entry.contentSourceId = sourceId;
        entry.contentFromSite = fromSite;
        entry.firstSeenAt = seenAt;
        copy(item, entry);
        entry.lastSeenAt = seenAt;
        entry.changedAt = seenAt;
        entry.persist();
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

    private static void alias(NormalizedEntry item, Entry original, Instant seenAt) {
        EntryAlias alias = new EntryAlias();
        alias.dedupeKey = item.dedupeKey();
        alias.entryId = original.id;
        alias.canonicalUrl = item.canonicalUrl();
        alias.createdAt = seenAt;
        alias.persist();
    }

    private static void sight(Map<Long, Sighting> sightings, Entry entry, long sourceId, NormalizedEntry item, Instant seenAt) {
        Sighting sighting = sightings.get(entry.id);
        if (sighting == null) {
            sighting = new Sighting();
            sighting.key = new Sighting.Key(entry.id, sourceId);
            sighting.firstSeenAt = seenAt;
            sighting.guid = item.guid();
            sighting.url = item.url();
            sighting.lastSeenAt = seenAt;
            sighting.persist();
            sightings.put(entry.id, sighting);
        } else {
            sighting.lastSeenAt = seenAt;
        }
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
