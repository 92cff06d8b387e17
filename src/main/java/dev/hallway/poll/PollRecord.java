package dev.hallway.poll;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** The history of polls, one row each. */
@Entity
@Table(name = "poll")
public class PollRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "poll_seq")
    @SequenceGenerator(name = "poll_seq", sequenceName = "poll_seq", allocationSize = 50)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public Long sourceId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "duration_ms", nullable = false)
    public long durationMs;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PollResult result;

    @Column(name = "http_status")
    public Integer httpStatus;

    public long bytes;

    @Column(name = "entries_found")
    public int entriesFound;

    @Column(name = "entries_new")
    public int entriesNew;

    @Column(name = "entries_updated")
    public int entriesUpdated;

    public String instance;

    public String error;
}
