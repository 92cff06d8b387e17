package dev.hallway.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A post of a summary-only feed whose page is fetched for its full text (V18): how that went. */
@Entity
@Table(name = "entry_page")
public class EntryPage extends PanacheEntityBase {

    public static final String PENDING = "pending", DONE = "done", FAILED = "failed";

    @Id
    @Column(name = "entry_id")
    public Long entryId;

    /** The feed whose poll fetches the page. */
    @Column(name = "source_id", nullable = false)
    public Long sourceId;

    /** {@link #PENDING}, {@link #DONE} or {@link #FAILED} (gave up: the entry keeps the feed's excerpt). */
    @Column(nullable = false)
    public String status;

    /** Fetches that failed since the last success. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    /** The page's validators from the fetch whose text the entry shows. */
    public String etag;

    @Column(name = "last_modified")
    public String lastModified;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When the text the entry shows was fetched; null while it shows the feed's excerpt. */
    @Column(name = "fetched_at")
    public Instant fetchedAt;
}
