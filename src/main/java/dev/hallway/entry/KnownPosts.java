package dev.hallway.entry;

import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the store needs to know about a polled feed's posts before writing anything, read in one query: for each
 * dedupe key, the stored post it names (under its own key, else under an alias — the own key wins, as a post is
 * found by its own URL first), whether this feed already has a sighting of it, and the few columns that decide
 * whether the post was merely seen again (and whether retention took its text away: then it only ever is).
 */
final class KnownPosts {

    /** A stored post as the lookup read it. {@code shownSourceId}: the feed whose copy it shows. */
    record Known(long entryId, boolean byAlias, boolean sighted, long rowVersion, long shownSourceId,
                 boolean contentFromSite, String contentHash, boolean pruned) {
    }

    private static final String COLUMNS = "e.id, e.row_version, coalesce(e.content_source_id, e.source_id), "
            + "e.content_from_site, e.content_hash, e.pruned_at";

    private KnownPosts() {
    }

    /** By dedupe key; keys not stored are absent. */
    static Map<String, Known> lookup(long sourceId, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        String in = "?" + ",?".repeat(keys.size() - 1);
        // own keys and alias keys in one statement; the sighting of this feed joined on either
        Query query = Entry.getEntityManager().createNativeQuery(
                "select k.dedupe_key, k.by_alias, s.source_id, " + COLUMNS + " from ("
                        + "select dedupe_key, id as entry_id, 0 as by_alias from entry where dedupe_key in (" + in + ") "
                        + "union all "
                        + "select dedupe_key, entry_id, 1 as by_alias from entry_alias where dedupe_key in (" + in + ")"
                        + ") k join entry e on e.id = k.entry_id "
                        + "left join sighting s on s.entry_id = e.id and s.source_id = ?");
        int p = 1;
        for (int round = 0; round < 2; round++) {
            for (String key : keys) {
                query.setParameter(p++, key);
            }
        }
        query.setParameter(p, sourceId);
        Map<String, Known> known = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = new ArrayList<>(query.getResultList());
        for (Object[] r : rows) {
            boolean byAlias = ((Number) r[1]).intValue() == 1;
            Known k = new Known(((Number) r[3]).longValue(), byAlias, r[2] != null, ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue(), (Boolean) r[6], (String) r[7], r[8] != null);
            known.merge((String) r[0], k, (a, b) -> a.byAlias() ? b : a);
        }
        return known;
    }
}
