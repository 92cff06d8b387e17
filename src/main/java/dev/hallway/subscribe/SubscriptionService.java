package dev.hallway.subscribe;

import dev.hallway.config.HallwayConfig;
import dev.hallway.conference.Conferences;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Subscribing (double opt-in), confirming and unsubscribing. The answer to a subscription request never says whether
 * the address was already known.
 */
@ApplicationScoped
public class SubscriptionService {

    static final Duration TOKEN_LIFETIME = Duration.ofDays(7);
    static final Duration CONFIRMATION_RESEND = Duration.ofMinutes(10);
    /** More series than anyone reads a digest of; keeps a hostile form post small. */
    static final int MAX_FOLLOWED = 500;

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    ConfirmationMailer confirmations;
    @Inject
    SecretTokens tokens;
    @Inject
    Conferences conferences;

    /**
     * Records a request to subscribe and queues a confirmation email ({@link ConfirmationMailer}); the caller's
     * answer is the same, and takes the same time, whatever the address. A request never changes a confirmed
     * subscription (what it follows is changed through the digest's "Change what you receive" link) nor brings a bounced address
     * back; an unconfirmed one gets a new link at most every ten minutes.
     *
     * @param series conference series to follow; empty for all
     * @throws IllegalArgumentException for an invalid address or an unknown series
     */
    public void subscribe(String rawEmail, List<String> series) {
        String email = EmailAddresses.normalize(rawEmail);
        List<String> followed = followed(series);
        boolean queued = QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            // one subscription per mailbox, however its owner capitalises it
            Subscriber s = Subscriber.find("lower(email) = ?1", email.toLowerCase(java.util.Locale.ROOT)).firstResult();
            if (s == null) {
                s = new Subscriber();
                s.email = email;
                s.status = SubscriberStatus.PENDING;
                s.createdAt = now;
                s.series = followed;
                s.persist();
            } else if (s.status == SubscriberStatus.CONFIRMED || s.status == SubscriberStatus.BOUNCED) {
                return false;
            } else {
                s.series = followed; // pending, or unsubscribed asking again: confirming brings it back
            }
            if (s.confirmSentAt != null && s.confirmSentAt.plus(CONFIRMATION_RESEND).isAfter(now)) {
                return false; // at most one confirmation email per address every ten minutes
            }
            String token = SecretTokens.random();
            s.confirmTokenHash = SecretTokens.hash(token);
            s.confirmExpiresAt = now.plus(TOKEN_LIFETIME);
            s.confirmSentAt = now;
            ConfirmationMail.delete("subscriberId", s.id); // an older link still waiting is no longer valid
            ConfirmationMail mail = new ConfirmationMail();
            mail.subscriberId = s.id;
            mail.token = token;
            mail.createdAt = now;
            mail.nextAttemptAt = now;
            mail.persist();
            return true;
        });
        if (queued) {
            confirmations.soon();
        }
    }

    /** True when the token would confirm a subscription now (for the page with the Confirm button). */
    public boolean confirmable(String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.find("confirmTokenHash", SecretTokens.hash(token.trim())).firstResult();
            return s != null && s.confirmExpiresAt != null && !s.confirmExpiresAt.isBefore(clock.instant())
                    && s.status != SubscriberStatus.BOUNCED;
        });
    }

    /** @return the confirmed subscriber's address, or null when the token is unknown or expired */
    public String confirm(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.find("confirmTokenHash", SecretTokens.hash(token.trim())).firstResult();
            Instant now = clock.instant();
            if (s == null || s.confirmExpiresAt == null || s.confirmExpiresAt.isBefore(now) || s.status == SubscriberStatus.BOUNCED) {
                return null;
            }
            s.status = SubscriberStatus.CONFIRMED;
            s.confirmedAt = now;
            s.confirmTokenHash = null;
            s.confirmExpiresAt = null;
            return s.email;
        });
    }

    /** @return the address unsubscribed, or null when the token is not valid */
    public String unsubscribe(String token) {
        Long id = tokens.subscriberOf(token);
        return id == null ? null : unsubscribe(id);
    }

    private String unsubscribe(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findById(id);
            if (s == null) {
                return null;
            }
            if (s.status != SubscriberStatus.UNSUBSCRIBED) {
                s.status = SubscriberStatus.UNSUBSCRIBED;
                s.unsubscribedAt = clock.instant();
                Log.infof("subscriber %d unsubscribed", s.id);
            }
            return s.email;
        });
    }

    /** True when the token is a valid unsubscribe token (for the confirmation page). */
    public boolean validUnsubscribeToken(String token) {
        return tokens.subscriberOf(token) != null;
    }

    public String unsubscribeUrl(long subscriberId) {
        return base() + "/unsubscribe?token=" + tokens.unsubscribeToken(subscriberId);
    }

    /** The "Change what you receive" link of a digest: this subscriber's preferences page, no login. */
    public String preferencesUrl(long subscriberId) {
        return base() + "/subscriptions/preferences?token=" + tokens.preferencesToken(subscriberId);
    }

    /** What a subscriber receives: the series followed (empty: all, new ones included). */
    public record Choice(long subscriberId, String email, SubscriberStatus status, List<String> series) {
        public boolean all() {
            return series.isEmpty();
        }

        public boolean receives() {
            return status == SubscriberStatus.CONFIRMED;
        }
    }

    /** @return the subscriber's choice, or null when the preferences token is not valid (forged, expired, unknown) */
    public Choice choice(String token) {
        Long id = tokens.subscriberOfPreferences(token);
        if (id == null) {
            return null;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findById(id);
            return s == null ? null : new Choice(s.id, s.email, s.status, s.series);
        });
    }

    /**
     * Saves what a confirmed subscriber follows: the series given, or all (also series seen for the first time later)
     * when the list is empty.
     *
     * @return the new choice; null when the token is not valid; unchanged when the address no longer receives the digest
     * @throws IllegalArgumentException for an unknown series or too many, and nothing changes
     */
    public Choice choose(String token, List<String> series) {
        Long id = tokens.subscriberOfPreferences(token);
        if (id == null) {
            return null;
        }
        List<String> followed = followed(series);
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.findById(id);
            if (s == null) {
                return null;
            }
            if (s.status == SubscriberStatus.CONFIRMED && !s.series.equals(followed)) {
                s.series = followed;
                Log.infof("subscriber %d now follows %s", s.id, followed.isEmpty() ? "all series" : followed.size() + " series");
            }
            return new Choice(s.id, s.email, s.status, s.series);
        });
    }

    /** Unsubscribes from the preferences page. @return the address, or null when the token is not valid */
    public String unsubscribeWithPreferencesToken(String token) {
        Long id = tokens.subscriberOfPreferences(token);
        return id == null ? null : unsubscribe(id);
    }

    private List<String> followed(List<String> series) {
        LinkedHashSet<String> slugs = new LinkedHashSet<>();
        for (String slug : series == null ? List.<String>of() : series) {
            if (slug == null || slug.isBlank() || slug.equals("all")) {
                continue;
            }
            String clean = slug.trim();
            if (conferences.catalogue().series(clean) == null) {
                throw new IllegalArgumentException("unknown conference series '" + clean + "'");
            }
            slugs.add(clean);
            if (slugs.size() > MAX_FOLLOWED) {
                throw new IllegalArgumentException("at most " + MAX_FOLLOWED + " series can be followed; choose all series instead");
            }
        }
        // sorted, so that subscribers with the same choice share one rendering of the digest
        return slugs.stream().sorted().toList();
    }

    private String base() {
        return dev.hallway.config.BaseUrl.of(config);
    }
}
