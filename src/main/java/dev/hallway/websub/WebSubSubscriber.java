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

/** A subscriber to our hub: one callback for one of our feeds. */
@Entity
@Table(name = "websub_subscriber")
public class WebSubSubscriber extends PanacheEntityBase {

    /** pending: asked, intent not verified yet (counts towards the per-host limit); active: verified. */
    static final String PENDING = "pending", ACTIVE = "active";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "websub_subscriber_seq")
    @SequenceGenerator(name = "websub_subscriber_seq", sequenceName = "websub_subscriber_seq", allocationSize = 50)
    public Long id;

    /** SHA-256 of topic and callback: one row per pair. */
    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false)
    public String callback;

    @Column(name = "callback_host", nullable = false)
    public String callbackHost;

    public String secret;

    @Column(nullable = false)
    public String state;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    /** The topic's content hash the subscriber last received (or could fetch when it subscribed). */
    @Column(name = "delivered_hash")
    public String deliveredHash;

    public int failures;

    /** After a failed delivery, not before this. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static String key(String topic, String callback) {
        return dev.hallway.common.Hashing.sha256Hex(topic + "\n" + callback);
    }
}
