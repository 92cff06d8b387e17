package dev.hallway.entry;

import dev.hallway.common.StringListConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One post, stored once however many feeds carry it. */
@Entity
@Table(name = "entry")
public class Entry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "entry_seq")
    @SequenceGenerator(name = "entry_seq", sequenceName = "entry_seq", allocationSize = 50)
    public Long id;

    @Column(name = "dedupe_key", nullable = false, updatable = false)
    public String dedupeKey;

    @Column(name = "canonical_url", nullable = false)
    public String canonicalUrl;

    public String url;

    public String guid;

    /** The feed the post was first seen in. */
    @Column(name = "source_id", nullable = false)
    public Long sourceId;

    /** The feed whose copy of the post this row shows ({@code null}: {@link #sourceId}'s); see {@link PreferredCopy}. */
    @Column(name = "content_source_id")
    public Long contentSourceId;

    /** The copy shown came from the post's own site (its feed's site has the post's host). */
    @Column(name = "content_from_site", nullable = false)
    public boolean contentFromSite;

    @Column(nullable = false)
    public String title;

    @Convert(converter = StringListConverter.class)
    public List<String> authors = List.of();

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "date_missing", nullable = false)
    public boolean dateMissing;

    @Column(name = "date_clamped", nullable = false)
    public boolean dateClamped;

    public String language;

    @Convert(converter = StringListConverter.class)
    public List<String> tags = List.of();

    public String summary;

    @Column(name = "content_html")
    public String contentHtml;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    /** SimHash of the text; 0 when too short to have one. */
    @Column(name = "content_fingerprint", nullable = false)
    public long contentFingerprint;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    /** The conference edition this post reports on ({@code null}: not a report). */
    @Column(name = "conference_slug")
    public String conferenceSlug;

    @Column(name = "conference_series")
    public String conferenceSeries;

    @Column(name = "conference_series_name")
    public String conferenceSeriesName;

    @Column(name = "conference_edition")
    public String conferenceEdition;

    @Column(name = "conference_name")
    public String conferenceName;

    @Column(name = "conference_year")
    public Integer conferenceYear;

    @Column(name = "conference_confidence")
    public Double conferenceConfidence;

    @Column(name = "conference_detected", nullable = false)
    public boolean conferenceDetected;

    @Column(name = "conference_inferred", nullable = false)
    public boolean conferenceInferred;

    /** Set by an operator; reclassification leaves it alone. */
    @Column(name = "conference_pinned", nullable = false)
    public boolean conferencePinned;

    /** JSON list of {@link dev.hallway.conference.Evidence}. */
    @Column(name = "conference_evidence")
    public String conferenceEvidence;

    /** Checked on every write: polls, pins and reclassification never overwrite each other's change (V11). */
    @jakarta.persistence.Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    /**
     * When retention ({@code hallway.retention.entries}) took the post's text away ({@code null}: it has its text).
     * The row, its dedupe key, content hash and fingerprint stay, so the post is not stored again (V16).
     */
    @Column(name = "pruned_at")
    public Instant prunedAt;

    /** Last time anything a reader sees changed: drives feed caches. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /**
     * JPQL: the entry reports on the edition or the series {@code :conference} names (a slug of either: fosdem-2019 or
     * fosdem), the one meaning every conference URL and filter gives a slug.
     *
     * @param alias the query's alias for the entry, or null when it has none
     */
    public static String ofConference(String alias) {
        String e = alias == null ? "" : alias + ".";
        return "(" + e + "conferenceSlug = :conference or " + e + "conferenceSeries = :conference)";
    }

    @PrePersist
    @PreUpdate
    void fitColumns() {
        ColumnLimits.fit(this);
    }
}
