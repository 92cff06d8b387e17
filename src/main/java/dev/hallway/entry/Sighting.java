package dev.hallway.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A feed that carried a post: which one, under what GUID and URL, first and last seen. */
@Entity
@Table(name = "sighting")
public class Sighting extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    public String guid;

    public String url;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @PrePersist
    @PreUpdate
    void fitColumns() {
        ColumnLimits.fit(this);
    }

    @Embeddable
    public record Key(@Column(name = "entry_id") Long entryId, @Column(name = "source_id") Long sourceId)
            implements Serializable {
    }
}
