package dev.hallway.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Another URL under which a stored post was seen: a syndicated copy on another blog. */
@Entity
@Table(name = "entry_alias")
public class EntryAlias extends PanacheEntityBase {

    @Id
    @Column(name = "dedupe_key")
    public String dedupeKey;

    @Column(name = "entry_id", nullable = false)
    public Long entryId;

    @Column(name = "canonical_url", nullable = false)
    public String canonicalUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
