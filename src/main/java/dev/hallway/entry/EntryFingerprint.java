package dev.hallway.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An entry's text fingerprint and date in a narrow table of their own, so the syndicated-copy check reads a few
 * bytes per stored post instead of whole rows. Kept in step with {@link Entry#contentFingerprint} by
 * {@link #track(Entry)} and, for new posts, {@link EntryBatch}; posts too short to fingerprint have no row.
 */
@Entity
@Table(name = "entry_fingerprint")
public class EntryFingerprint extends PanacheEntityBase {

    @Id
    @Column(name = "entry_id")
    public Long entryId;

    @Column(nullable = false)
    public long fingerprint;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    /** Writes (or removes) the row of a stored entry whose text changed. */
    static void track(Entry entry) {
        EntryFingerprint row = findById(entry.id);
        if (entry.contentFingerprint == 0) {
            if (row != null) {
                row.delete();
            }
            return;
        }
        if (row == null) {
            row = new EntryFingerprint();
            row.entryId = entry.id;
            row.fingerprint = entry.contentFingerprint;
            row.publishedAt = entry.publishedAt;
            row.persist();
        } else {
            row.fingerprint = entry.contentFingerprint;
            row.publishedAt = entry.publishedAt;
        }
    }
}
