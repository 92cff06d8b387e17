package dev.hallway.subscribe;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A confirmation email waiting to be sent; the row (and the token in it) is gone once it was sent or given up. */
@Entity
@Table(name = "confirmation_mail")
public class ConfirmationMail extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "confirmation_mail_seq")
    @SequenceGenerator(name = "confirmation_mail_seq", sequenceName = "confirmation_mail_seq", allocationSize = 50)
    public Long id;

    @Column(name = "subscriber_id", nullable = false)
    public Long subscriberId;

    @Column(nullable = false)
    public String token;

    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
