package dev.hallway.digest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A week's digest as built: the archive and the source of every message of that week. */
@Entity
@Table(name = "digest")
public class Digest extends PanacheEntityBase {

    @Id
    public String week;

    @Column(name = "period_start", nullable = false)
    public Instant periodStart;

    @Column(name = "period_end", nullable = false)
    public Instant periodEnd;

    @Column(name = "built_at", nullable = false)
    public Instant builtAt;

    @Column(nullable = false)
    public String subject;

    public int reports;

    public int conferences;

    /** JSON of {@link DigestContent}. */
    @Column(nullable = false)
    public String content;
}
