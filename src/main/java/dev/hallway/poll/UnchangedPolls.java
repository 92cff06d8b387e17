package dev.hallway.poll;

import dev.hallway.common.ColumnText;
import dev.hallway.common.JdbcBinds;
import dev.hallway.common.SequenceIds;
import dev.hallway.config.HallwayConfig;
import dev.hallway.config.InstanceId;
import dev.hallway.config.Leases;
import dev.hallway.source.SourceStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bookkeeping of polls that found their feed unchanged (a 304, or the very bytes already stored) and were not
 * moved or discovered: one JDBC batch of source updates and one of poll records for the whole group, where loading, dirty-checking
 * and writing each source through Hibernate was most of an unchanged cycle's work. It writes exactly what
 * {@link PollBookkeeping} would: the validators the server sent (one too long to keep clears it), an OK status, the
 * publisher's hint (this answer's Cache-Control, the feed's stored ttl and sy: hints), the next poll an interval (or
 * that hint, or the WebSub safety interval) on, the lease given back if this instance holds it. A row whose interval
 * (or WebSub safety interval) is no longer the one the claim read (feeds.yaml edited meanwhile) or that is gone is
 * left to the entity path.
 */
@ApplicationScoped
class UnchangedPolls {

    @Inject
    Clock clock;
    @Inject
    Leases leases;
    @Inject
    InstanceId instance;
    @Inject
    HallwayConfig config;

    /** An unchanged feed that neither moved nor was (re)discovered on its page: nothing but the above changes. */
    static boolean applies(PollAttempt a) {
        return (a.result == PollResult.NOT_MODIFIED || a.result == PollResult.UNCHANGED)
                && a.response != null && !a.response.movedPermanently() && a.discovery == null;
    }

    /** Writes what it can of {@code writes} (all {@link #applies}) in the caller's transaction; returns the rest. */
    List<PollBookkeeping.Write> write(EntityManager em, List<PollBookkeeping.Write> writes) {
        List<PollBookkeeping.Write> written = new ArrayList<>();
        List<PollBookkeeping.Write> rest = new ArrayList<>();
        Instant now = clock.instant();
        em.unwrap(Session.class).doWork(c -> {
            int[] counts = updateSources(c, writes, now);
            for (int i = 0; i < writes.size(); i++) {
                (counts[i] == 0 ? rest : written).add(writes.get(i)); // a driver may answer SUCCESS_NO_INFO (-2)
            }
            insertRecords(em, c, written);
        });
        return rest;
    }

    private int[] updateSources(Connection c, List<PollBookkeeping.Write> writes, Instant now) throws SQLException {
        // every right-hand side reads the row as it was, so lease_until is cleared on the same condition as lease_owner
        try (PreparedStatement ps = c.prepareStatement("update source set last_polled_at = ?, last_http_status = ?, "
                + "etag = case when ? then ? else etag end, last_modified = case when ? then ? else last_modified end, "
                + "status = ?, last_success_at = ?, last_error = null, consecutive_failures = 0, next_poll_at = ?, "
                + "interval_hint_from = ?, interval_hint_seconds = ?, interval_hint_note = ?, "
                + "lease_until = case when lease_owner = ? then null else lease_until end, "
                + "lease_owner = case when lease_owner = ? then null else lease_owner end "
                + "where id = ? and interval_seconds = ? and coalesce(push_poll_interval_seconds, 0) = ?")) {
            for (PollBookkeeping.Write w : writes) {
                PollAttempt a = w.attempt();
                String etag = a.response.etag(), lastModified = a.response.lastModified();
                JdbcBinds.instant(ps, 1, w.started());
                JdbcBinds.intOrNull(ps, 2, a.httpStatus);
                ps.setBoolean(3, etag != null);
                ps.setString(4, ColumnText.orNullIfLonger(etag, PollBookkeeping.ETAG_COLUMN));
                ps.setBoolean(5, lastModified != null);
                ps.setString(6, ColumnText.orNullIfLonger(lastModified, PollBookkeeping.LAST_MODIFIED_COLUMN));
                ps.setString(7, SourceStatus.OK.name());
                JdbcBinds.instant(ps, 8, now);
                IntervalHints.Chosen hint = IntervalHints.choose(a.response.cacheControl(), w.target().feedHints(), config.poll().maxHint());
                JdbcBinds.instant(ps, 9, now.plus(hint.effective(w.target().pollIntervalSeconds())));
                ps.setString(10, hint.from());
                JdbcBinds.longOrNull(ps, 11, hint.seconds());
                ps.setString(12, hint.note());
                ps.setString(13, leases.owner());
                ps.setString(14, leases.owner());
                ps.setLong(15, w.target().id());
                ps.setLong(16, w.target().intervalSeconds());
                ps.setLong(17, w.target().pushIntervalSeconds());
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private void insertRecords(EntityManager em, Connection c, List<PollBookkeeping.Write> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into poll (id, source_id, started_at, duration_ms, result, "
                + "http_status, bytes, entries_found, entries_new, entries_updated, instance, error) "
                + "values (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)")) {
            for (PollBookkeeping.Write w : writes) {
                PollAttempt a = w.attempt();
                ps.setLong(1, SequenceIds.next(em, PollRecord.class, new PollRecord()));
                ps.setLong(2, w.target().id());
                JdbcBinds.instant(ps, 3, w.started());
                ps.setLong(4, w.outcome().tookMs());
                ps.setString(5, a.result.name());
                JdbcBinds.intOrNull(ps, 6, a.httpStatus);
                ps.setLong(7, a.bytes);
                ps.setString(8, instance.value());
                ps.setString(9, PollBookkeeping.clip(a.error));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
