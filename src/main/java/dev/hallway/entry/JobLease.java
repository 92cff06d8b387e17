package dev.hallway.entry;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Work one instance does for all, under a lease ({@link dev.hallway.config.Leases}), with how far it got (V11). */
@Entity
@Table(name = "job_lease")
public class JobLease extends PanacheEntityBase {

    @Id
    public String name;

    /** What the job is bringing the store to (the catalogue version, for a reclassification). */
    public String target;

    /** The last row done for {@link #target}, or -1. */
    @Column(nullable = false)
    public long progress = -1;

    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_until")
    public Instant leaseUntil;
}
