package dev.hallway.digest;

import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Schedules;
import dev.hallway.mail.MailDelivery;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.subscribe.SubscriptionService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Works through the outbox. Each message is claimed ({@link OutboxClaims}), sent, and marked sent in its own
 * transaction right after the SMTP server accepted it. Passing failures retry with backoff; a permanent rejection
 * counts against the address.
 */
@ApplicationScoped
public class DigestSender {

    private static final int BATCH = 100;

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    MailDelivery mail;
    @Inject
    OutboxClaims claims;
    @Inject
    DigestMetrics metrics;
    @Inject
    SubscriptionService subscriptions;

    private volatile boolean warnedOff;

    /** What one pass did. */
    public record Pass(int sent, int retrying, int failed, int skipped, boolean deliveryOff) {
    }

    @Scheduled(every = Schedules.DIGEST_SEND_INTERVAL, delayed = Schedules.DIGEST_SEND_INTERVAL, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sendDue();
    }

    /** Sends every message that is due now. */
    public Pass sendDue() {
        if (!mail.enabled()) {
            if (!warnedOff) {
                Log.warn("mail delivery is off: no SMTP server configured (quarkus.mailer.host); digests are built and archived, not sent");
                warnedOff = true;
            }
            return new Pass(0, 0, 0, 0, true);
        }
        int sent = 0, retrying = 0, failed = 0, skipped = 0;
        // each distinct choice of series is rendered once per pass, not once per subscriber
        DigestVariants variants = new DigestVariants(week -> DigestService.content(Digest.findById(week)), base());
        while (true) {
            List<Long> batch = due();
            if (batch.isEmpty()) {
                return new Pass(sent, retrying, failed, skipped, false);
            }
            int claimedAny = 0;
            for (Long id : batch) {
                if (!claims.claim(id)) {
                    continue;
                }
                claimedAny++;
                OutboxStatus status;
                try {
                    status = sendOne(id, variants);
                } finally {
                    claims.done(id);
                }
                switch (metrics.delivered(status)) {
                    case SENT -> sent++;
                    case PENDING -> retrying++;
                    case FAILED -> failed++;
                    default -> skipped++;
                }
            }
            if (claimedAny == 0) {
                return new Pass(sent, retrying, failed, skipped, false);
            }
        }
    }

    private List<Long> due() {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find(OutboxClaims.DUE + " order by id",
                        Parameters.with("pending", OutboxStatus.PENDING).and("sending", OutboxStatus.SENDING).and("now", now))
                .page(0, BATCH).list().stream().map(m -> m.id).toList());
    }

    private record Job(String to, DigestVariants.Variant digest, String messageId, long subscriberId) {
    }

    /**
     * One attempt on a claimed message. Whatever goes wrong before the SMTP server accepted it (an unreadable
     * digest, a template error, a refusal) counts as an attempt, so no message stays claimed for good.
     */
    private OutboxStatus sendOne(long id, DigestVariants variants) {
        Job job;
        try {
            job = prepare(id, variants);
            if (job == null) {
                return OutboxStatus.SKIPPED;
            }
            deliver(job);
        } catch (MailDelivery.SendFailure e) {
            return failed(id, e.getMessage(), e.permanent());
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "digest message %d could not be prepared or sent", id);
            return failed(id, SendErrors.describe(e), false);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // sent is sent, whoever holds the row now: the server accepted it, so no one may send it again
            OutboxMessage m = OutboxMessage.findById(id, LockModeType.PESSIMISTIC_WRITE);
            m.status = OutboxStatus.SENT;
            m.sentAt = clock.instant();
            m.attempts++;
            OutboxClaims.giveBack(m);
            m.lastError = null;
            // the address takes mail again: earlier rejections no longer count towards marking it bounced
            Subscriber.update("bounces = 0 where id = ?1 and bounces > 0", job.subscriberId());
        });
        return OutboxStatus.SENT;
    }

    private Job prepare(long id, DigestVariants variants) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxMessage m = OutboxMessage.findById(id);
            Subscriber s = Subscriber.findById(m.subscriberId);
            if (s == null || s.status != SubscriberStatus.CONFIRMED) {
                m.status = OutboxStatus.SKIPPED;
                OutboxClaims.giveBack(m);
                return null;
            }
            DigestVariants.Variant mine = variants.of(m.week, s.series);
            if (mine.empty()) {
                // the subscriber chose other series after the week was built: nothing of theirs to read, no mail
                m.status = OutboxStatus.SKIPPED;
                OutboxClaims.giveBack(m);
                return null;
            }
            if (m.messageId == null) {
                m.messageId = mail.newMessageId();
            }
            return new Job(s.email, mine, m.messageId, s.id);
        });
    }

    private void deliver(Job job) throws MailDelivery.SendFailure {
        String unsubscribe = subscriptions.unsubscribeUrl(job.subscriberId());
        Map<String, String> headers = new HashMap<>();
        String mailto = config.mail().unsubscribeMailbox().map(box -> ", <mailto:" + box + "?subject=unsubscribe>").orElse("");
        headers.put("List-Unsubscribe", "<" + unsubscribe + ">" + mailto);
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", "Hallway weekly digest <digest." + host() + ">");
        String preferences = subscriptions.preferencesUrl(job.subscriberId());
        String html = job.digest().html(unsubscribe, preferences);
        String text = job.digest().text(unsubscribe, preferences);
        mail.send(job.to(), job.digest().subject(), html, text, job.messageId(), headers);
    }

    /** Counts a failed attempt: retried with backoff, or failed for good (a permanent rejection, or the last attempt). */
    private OutboxStatus failed(long id, String error, boolean permanent) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // locked, so no other instance can claim the row between this check and the update
            OutboxMessage m = OutboxMessage.findById(id, LockModeType.PESSIMISTIC_WRITE);
            // given back at shutdown, or our lease ran out while the server kept us waiting and another took it over
            if (!claims.holds(m)) {
                return m.status;
            }
            m.attempts++;
            boolean giveUp = permanent || m.attempts >= config.digest().maxAttempts();
            Log.warnf("digest %s to subscriber %d failed (attempt %d, %s): %s", m.week, m.subscriberId, m.attempts,
                    permanent ? "permanent" : giveUp ? "giving up" : "will retry", error);
            m.lastError = SendErrors.bounded(error);
            OutboxClaims.giveBack(m);
            if (permanent) {
                Subscriber s = Subscriber.findById(m.subscriberId);
                s.bounces++;
                if (s.bounces >= config.digest().maxBounces()) {
                    s.status = SubscriberStatus.BOUNCED;
                    Log.warnf("subscriber %d marked bounced after %d permanent rejections", s.id, s.bounces);
                }
            }
            if (giveUp) {
                m.status = OutboxStatus.FAILED;
            } else {
                m.status = OutboxStatus.PENDING;
                m.nextAttemptAt = clock.instant().plus(config.digest().retryDelay().multipliedBy(1L << Math.min(m.attempts - 1, 16)));
            }
            return m.status;
        });
    }

    private String base() {
        return dev.hallway.config.BaseUrl.of(config);
    }

    private String host() {
        return dev.hallway.config.BaseUrl.host(config.baseUrl(), "localhost");
    }
}
