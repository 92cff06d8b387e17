package dev.hallway.subscribe;

import dev.hallway.config.HallwayConfig;
import dev.hallway.conference.Conferences;
import dev.hallway.mail.MailDelivery;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Subscribing (double opt-in), confirming and unsubscribing. The answer to a subscription request never says whether
 * the address was already known.
 */
@ApplicationScoped
public class SubscriptionService {

    static final Duration TOKEN_LIFETIME = Duration.ofDays(7);
    static final Duration CONFIRMATION_RESEND = Duration.ofMinutes(10);

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    MailDelivery mail;
    @Inject
    SecretTokens tokens;
    @Inject
    Conferences conferences;

    /** What a confirmation email needs, decided inside the transaction and sent after it. */
    private record Confirmation(String email, String token) {
    }

    /**
     * @param series conference series to follow; empty for all
     * @throws IllegalArgumentException for an invalid address or an unknown series
     */
    public void subscribe(String rawEmail, List<String> series) {
        String email = EmailAddresses.normalize(rawEmail);
        List<String> followed = followed(series);
        Confirmation confirmation = QuarkusTransaction.requiringNew().call(() -> {
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
            } else if (s.status == SubscriberStatus.CONFIRMED) {
                s.series = followed; // a confirmed subscriber changing what they follow
                return null;
            } else if (s.status != SubscriberStatus.PENDING) {
                s.status = SubscriberStatus.PENDING; // unsubscribed or bounced, asking again: confirm again
                s.series = followed;
                s.bounces = 0;
            } else {
                s.series = followed;
            }
            if (s.confirmSentAt != null && s.confirmSentAt.plus(CONFIRMATION_RESEND).isAfter(now)) {
                return null; // at most one confirmation email per address every ten minutes
            }
            String token = SecretTokens.random();
            s.confirmTokenHash = SecretTokens.hash(token);
            s.confirmExpiresAt = now.plus(TOKEN_LIFETIME);
            s.confirmSentAt = now;
            return new Confirmation(email, token);
        });
        if (confirmation != null) {
            sendConfirmation(confirmation);
        }
    }

    /** @return the confirmed subscriber's address, or null when the token is unknown or expired */
    public String confirm(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = Subscriber.find("confirmTokenHash", SecretTokens.hash(token.trim())).firstResult();
            Instant now = clock.instant();
            if (s == null || s.confirmExpiresAt == null || s.confirmExpiresAt.isBefore(now)) {
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
        if (id == null) {
            return null;
        }
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
        }
        return List.copyOf(slugs);
    }

    private void sendConfirmation(Confirmation c) {
        String link = base() + "/subscriptions/confirm?token=" + c.token();
        if (!mail.enabled()) {
            Log.warnf("mail delivery is off (no quarkus.mailer.host): confirmation for a new subscriber not sent");
            return;
        }
        try {
            mail.send(c.email(), "Confirm your Hallway subscription", SubscribeTemplates.confirmHtml(link).render(),
                    SubscribeTemplates.confirmText(link).render(), mail.newMessageId(), Map.of());
        } catch (MailDelivery.SendFailure e) {
            // not sent: lift the ten-minute limit so asking again sends one at once
            Log.warnf("confirmation email could not be sent: %s", e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> Subscriber.update("confirmSentAt = null where email = ?1", c.email()));
        }
    }

    private String base() {
        return dev.hallway.config.BaseUrl.of(config);
    }
}
