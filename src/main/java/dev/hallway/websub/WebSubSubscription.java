package dev.hallway.websub;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** Our subscription to the hub a followed feed advertises (one per feed); its callback is /websub/callback/{id}. */
@Entity
@Table(name = "websub_subscription")
public class WebSubSubscription extends PanacheEntityBase {

    /** requested: asked, not verified yet; active: verified, lease running; then failed, denied or unsubscribed. */
    static final String REQUESTED = "requested", ACTIVE = "active", FAILED = "failed", DENIED = "denied",
            UNSUBSCRIBED = "unsubscribed";
    static final String SUBSCRIBE = "subscribe", UNSUBSCRIBE = "unsubscribe";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "websub_subscription_seq")
    @SequenceGenerator(name = "websub_subscription_seq", sequenceName = "websub_subscription_seq", allocationSize = 50)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public long sourceId;

    @Column(nullable = false)
    public String hub;

    @Column(nullable = false)
    public String topic;

    /** The hub.secret we gave this hub: pushes must be signed with it. */
    @Column(nullable = false)
    public String secret;

    @Column(nullable = false)
    public String state;

    /** The request sent and not yet verified (subscribe, unsubscribe): the only verification we answer. */
    @Column(name = "pending_mode")
    public String pendingMode;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** When to renew an active lease, or to try a failed hub again. */
    @Column(name = "renew_at")
    public Instant renewAt;

    @Column(name = "last_push_at")
    public Instant lastPushAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
