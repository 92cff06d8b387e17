package dev.hallway.entry;

import dev.hallway.common.JdbcBinds;
import dev.hallway.common.SequenceIds;
import dev.hallway.common.StringListConverter;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.hibernate.StaleStateException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one poll writes without Hibernate: new entries, their fingerprints and aliases, new sightings, and the
 * posts and sightings merely seen again — each kind as one JDBC batch at the end of the poll's transaction. Going
 * through the persistence context cost more than the database did (an entity entry, a snapshot and a dirty check per
 * row, and inserts of three tables interleaved, which broke every batch into single statements).
 * <p>
 * Rows are cut to their columns here ({@link ColumnLimits}), as {@code @PrePersist} would have. A post seen again keeps
 * the optimistic version rule (V11): its update names the version the store read, and a row that moved on since
 * fails the poll as a stale row, which {@link EntryStore} reads again.
 */
final class EntryBatch {

    /** Every column of {@code entry}, in the order {@link #bindEntry} binds them. */
    static final List<String> ENTRY_COLUMNS = List.of("id", "dedupe_key", "canonical_url", "url", "guid", "source_id",
            "content_source_id", "content_from_site", "title", "authors", "published_at", "updated_at", "date_missing",
            "date_clamped", "language", "tags", "summary", "content_html", "content_hash", "content_fingerprint",
            "first_seen_at", "last_seen_at", "changed_at", "conference_slug", "conference_series",
            "conference_series_name", "conference_edition", "conference_name", "conference_year",
            "conference_confidence", "conference_detected", "conference_inferred", "conference_pinned",
            "conference_evidence", "row_version", "pruned_at");

    private static final String INSERT_ENTRY = "insert into entry (" + String.join(", ", ENTRY_COLUMNS) + ") values ("
            + "?" + ", ?".repeat(ENTRY_COLUMNS.size() - 1) + ")";
    private static final StringListConverter NAMES = new StringListConverter();

    /** A post seen again: {@code shownSourceId}/{@code fromSite} null leave the shown copy as it is. */
    private record SeenAgain(long entryId, long rowVersion, Long shownSourceId, Boolean fromSite) {
    }

    private final Instant seenAt;
    private final Map<Long, Entry> newEntries = new LinkedHashMap<>();
    private final List<EntryAlias> aliases = new ArrayList<>();
    private final List<Sighting> newSightings = new ArrayList<>();
    private final List<Long> sightingsSeenAgain = new ArrayList<>();
    private final Set<Long> sighted = new HashSet<>();
    private final Map<Long, SeenAgain> entriesSeenAgain = new LinkedHashMap<>();
    private int statements;

    EntryBatch(Instant seenAt) {
        this.seenAt = seenAt;
    }

    /** A new post: takes an id from the entry sequence (Hibernate's own pooled allocator) and queues its row. */
    void insert(EntityManager em, Entry entry) {
        entry.id = SequenceIds.next(em, Entry.class, entry);
        newEntries.put(entry.id, entry);
    }

    /** A post this poll inserts, or null. */
    Entry pending(long entryId) {
        return newEntries.get(entryId);
    }

    void alias(EntryAlias alias) {
        aliases.add(alias);
    }

    /** This feed carried the post: a new sighting, or the one it has seen again (one per post, the first item's). */
    void sight(long entryId, boolean exists, String guid, String url) {
        if (!sighted.add(entryId)) {
            return;
        }
        if (exists) {
            sightingsSeenAgain.add(entryId);
            return;
        }
        Sighting s = new Sighting();
        s.key = new Sighting.Key(entryId, null);
        s.guid = guid;
        s.url = url;
        ColumnLimits.fit(s);
        newSightings.add(s);
    }

    /** Whether this poll already sighted the post. */
    boolean sighted(long entryId) {
        return sighted.contains(entryId);
    }

    /**
     * A stored post seen again at the version the store read; with a shown copy ({@code shownSourceId},
     * {@code fromSite}) when this feed's copy is the one shown. A later call for the same post with a shown copy wins.
     */
    void seenAgain(long entryId, long rowVersion, Long shownSourceId, Boolean fromSite) {
        SeenAgain now = new SeenAgain(entryId, rowVersion, shownSourceId, fromSite);
        entriesSeenAgain.merge(entryId, now, (before, later) -> later.shownSourceId() != null ? later : before);
    }

    /** JDBC statements executed by the last {@link #write}, batches counting once. */
    int statements() {
        return statements;
    }

    /**
     * Writes everything queued, inside the caller's transaction. {@code managed}: posts the persistence context holds
     * (read for an edit or a copy check); their "seen again" goes through the entity, whose version Hibernate checks,
     * so that the row is not written twice.
     */
    void write(EntityManager em, long sourceId, Map<Long, Entry> managed) {
        for (SeenAgain s : List.copyOf(entriesSeenAgain.values())) {
            Entry e = managed.get(s.entryId());
            if (e != null) {
                if (e.rowVersion != s.rowVersion()) {
                    throw new StaleStateException("entry " + e.id + " changed since the poll read it");
                }
                e.lastSeenAt = seenAt;
                if (s.shownSourceId() != null) {
                    e.contentSourceId = s.shownSourceId();
                    e.contentFromSite = s.fromSite();
                }
                entriesSeenAgain.remove(s.entryId());
            }
        }
        em.unwrap(Session.class).doWork(c -> {
            statements = 0;
            insertEntries(c);
            insertFingerprints(c);
            insertAliases(c);
            insertSightings(c, sourceId);
            updateEntries(c);
            updateSightings(c, sourceId);
        });
    }

    private void insertEntries(Connection c) throws SQLException {
        if (newEntries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ENTRY)) {
            for (Entry e : newEntries.values()) {
                ColumnLimits.fit(e);
                bindEntry(ps, e);
                ps.addBatch();
            }
            execute(ps);
        }
    }

    private static void bindEntry(PreparedStatement ps, Entry e) throws SQLException {
        int i = 1;
        ps.setLong(i++, e.id);
        ps.setString(i++, e.dedupeKey);
        ps.setString(i++, e.canonicalUrl);
        ps.setString(i++, e.url);
        ps.setString(i++, e.guid);
        ps.setLong(i++, e.sourceId);
        JdbcBinds.longOrNull(ps, i++, e.contentSourceId);
        ps.setBoolean(i++, e.contentFromSite);
        ps.setString(i++, e.title);
        ps.setString(i++, NAMES.convertToDatabaseColumn(e.authors));
        JdbcBinds.instant(ps, i++, e.publishedAt);
        JdbcBinds.instant(ps, i++, e.updatedAt);
        ps.setBoolean(i++, e.dateMissing);
        ps.setBoolean(i++, e.dateClamped);
        ps.setString(i++, e.language);
        ps.setString(i++, NAMES.convertToDatabaseColumn(e.tags));
        ps.setString(i++, e.summary);
        ps.setString(i++, e.contentHtml);
        ps.setString(i++, e.contentHash);
        ps.setLong(i++, e.contentFingerprint);
        JdbcBinds.instant(ps, i++, e.firstSeenAt);
        JdbcBinds.instant(ps, i++, e.lastSeenAt);
        JdbcBinds.instant(ps, i++, e.changedAt);
        ps.setString(i++, e.conferenceSlug);
        ps.setString(i++, e.conferenceSeries);
        ps.setString(i++, e.conferenceSeriesName);
        ps.setString(i++, e.conferenceEdition);
        ps.setString(i++, e.conferenceName);
        JdbcBinds.intOrNull(ps, i++, e.conferenceYear);
        if (e.conferenceConfidence == null) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, e.conferenceConfidence);
        }
        ps.setBoolean(i++, e.conferenceDetected);
        ps.setBoolean(i++, e.conferenceInferred);
        ps.setBoolean(i++, e.conferencePinned);
        ps.setString(i++, e.conferenceEvidence);
        ps.setLong(i++, e.rowVersion);
        JdbcBinds.instant(ps, i, e.prunedAt); // null: a post is stored whole (retention prunes it later)
    }

    private void insertFingerprints(Connection c) throws SQLException {
        List<Entry> printed = newEntries.values().stream().filter(e -> e.contentFingerprint != 0).toList();
        if (printed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into entry_fingerprint (entry_id, fingerprint, published_at) values (?, ?, ?)")) {
            for (Entry e : printed) {
                ps.setLong(1, e.id);
                ps.setLong(2, e.contentFingerprint);
                JdbcBinds.instant(ps, 3, e.publishedAt);
                ps.addBatch();
            }
            execute(ps);
        }
    }

    private void insertAliases(Connection c) throws SQLException {
        if (aliases.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into entry_alias (dedupe_key, entry_id, canonical_url, created_at) values (?, ?, ?, ?)")) {
            for (EntryAlias a : aliases) {
                ps.setString(1, a.dedupeKey);
                ps.setLong(2, a.entryId);
                ps.setString(3, a.canonicalUrl);
                JdbcBinds.instant(ps, 4, a.createdAt);
                ps.addBatch();
            }
            execute(ps);
        }
    }

    private void insertSightings(Connection c, long sourceId) throws SQLException {
        if (newSightings.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into sighting (entry_id, source_id, guid, url, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?)")) {
            for (Sighting s : newSightings) {
                ps.setLong(1, s.key.entryId());
                ps.setLong(2, sourceId);
                ps.setString(3, s.guid);
                ps.setString(4, s.url);
                JdbcBinds.instant(ps, 5, seenAt);
                JdbcBinds.instant(ps, 6, seenAt);
                ps.addBatch();
            }
            execute(ps);
        }
    }

    private void updateEntries(Connection c) throws SQLException {
        if (entriesSeenAgain.isEmpty()) {
            return;
        }
        // the shown copy's columns are set to themselves unless this feed's copy is the one shown
        try (PreparedStatement ps = c.prepareStatement("update entry set last_seen_at = ?, "
                + "content_source_id = coalesce(?, content_source_id), content_from_site = coalesce(?, content_from_site), "
                + "row_version = row_version + 1 where id = ? and row_version = ?")) {
            List<SeenAgain> rows = List.copyOf(entriesSeenAgain.values());
            for (SeenAgain s : rows) {
                JdbcBinds.instant(ps, 1, seenAt);
                JdbcBinds.longOrNull(ps, 2, s.shownSourceId());
                if (s.fromSite() == null) {
                    ps.setNull(3, Types.BOOLEAN);
                } else {
                    ps.setBoolean(3, s.fromSite());
                }
                ps.setLong(4, s.entryId());
                ps.setLong(5, s.rowVersion());
                ps.addBatch();
            }
            int[] counts = execute(ps);
            for (int i = 0; i < counts.length; i++) { // a driver may answer SUCCESS_NO_INFO (-2): only 0 is a stale row
                if (counts[i] == 0) {
                    throw new StaleStateException("entry " + rows.get(i).entryId() + " changed since the poll read it");
                }
            }
        }
    }

    private void updateSightings(Connection c, long sourceId) throws SQLException {
        if (sightingsSeenAgain.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update sighting set last_seen_at = ? where entry_id = ? and source_id = ?")) {
            for (long entryId : sightingsSeenAgain) {
                JdbcBinds.instant(ps, 1, seenAt);
                ps.setLong(2, entryId);
                ps.setLong(3, sourceId);
                ps.addBatch();
            }
            execute(ps);
        }
    }

    private int[] execute(PreparedStatement ps) throws SQLException {
        statements++;
        return ps.executeBatch();
    }
}
