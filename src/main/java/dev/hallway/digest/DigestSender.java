package dev.hallway.digest;

import dev.hallway.common.JdbcBinds;
import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Leases;
import dev.hallway.config.Schedules;
import dev.hallway.mail.MailDelivery;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.subscribe.SubscriptionService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Works through the outbox. Messages are claimed hallway.digest.claim-size at a time ({@link OutboxClaims}), sent
 * hallway.mail.concurrency at a time (each over a pooled, kept-alive SMTP connection, each bounded by
 * hallway.mail.send-timeout: {@link MailDelivery}), and each is marked sent in its own transaction right after the
 * SMTP server accepted it. Each digest variant is rendered once per pass ({@link DigestVariants}); only the
 * subscriber's links are their own. Passing failures retry with backoff; a permanent rejection counts against the
 * address.
 */
@ApplicationScoped
public class DigestSender {

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
    @Inject
    AgroalDataSource dataSource;

    private volatile boolean warnedOff;
    private ExecutorService senders;

    /** What one pass did. */
    public record Pass(int sent, int retrying, int failed, int skipped, boolean deliveryOff) {
    }

    @PostConstruct
    void start() {
        int threads = Math.max(1, config.mail().concurrency());
        AtomicInteger count = new AtomicInteger();
        senders = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "digest-send-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
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
        Tally tally = new Tally();
        // each distinct choice of series is rendered once per pass, not once per subscriber
        DigestVariants variants = new DigestVariants(
                week -> QuarkusTransaction.requiringNew().call(() -> DigestService.content(Digest.findById(week))), base());
        Map<String, String> common = commonHeaders();
        while (true) {
            OutboxClaims.Batch batch = claims.claimBatch(config.digest().claimSize(), mail::newMessageId);
            batch.skipped().forEach(id -> tally.count(metrics.delivered(OutboxStatus.SKIPPED)));
            if (batch.messages().isEmpty()) {
                return tally.pass();
            }
            List<Future<?>> attempts = new ArrayList<>(batch.messages().size());
            for (OutboxClaims.Claimed message : batch.messages()) {
                attempts.add(senders.submit(() -> attempt(message, batch.claimedAt(), variants, common, tally)));
            }
            awaitAll(attempts);
            if (tally.givenBack.get() > 0) {
                return tally.pass(); // the batch was too slow (a hanging server) or we are stopping: next pass
            }
        }
    }

    /** One message of a batch, on a sender thread: sent, or given back unstarted when its batch has been too slow. */
    private void attempt(OutboxClaims.Claimed message, Instant claimedAt, DigestVariants variants,
                         Map<String, String> common, Tally tally) {
        if (!claims.mayStart(claimedAt)) {
            claims.giveBackUnstarted(List.of(message.id()));
            tally.givenBack.incrementAndGet();
            return;
        }
        OutboxStatus status;
        try {
            status = sendOne(message, variants, common);
        } finally {
            claims.done(message.id());
        }
        tally.count(metrics.delivered(status));
    }

    private static void awaitAll(List<Future<?>> attempts) {
        RuntimeException first = null;
        for (Future<?> attempt : attempts) {
            try {
                attempt.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first != null ? first : new IllegalStateException("interrupted while digest messages were sent", e);
            } catch (ExecutionException e) {
                first = first != null ? first : new IllegalStateException("a digest message could not be recorded", e.getCause());
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** What a pass did so far, counted from several sender threads. */
    private static final class Tally {
        final AtomicInteger sent = new AtomicInteger(), retrying = new AtomicInteger(), failed = new AtomicInteger(),
                skipped = new AtomicInteger(), givenBack = new AtomicInteger();

        void count(OutboxStatus status) {
            switch (status) {
                case SENT -> sent.incrementAndGet();
                case PENDING -> retrying.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
                default -> skipped.incrementAndGet();
            }
        }

        Pass pass() {
            return new Pass(sent.get(), retrying.get(), failed.get(), skipped.get(), false);
        }
    }

    /** The headers every digest message carries; List-Unsubscribe holds the mailto part, after the subscriber's link. */
    private Map<String, String> commonHeaders() {
        Map<String, String> headers = new HashMap<>();
        headers.put("List-Unsubscribe", config.mail().unsubscribeMailbox().map(box -> ", <mailto:" + box + "?subject=unsubscribe>").orElse(""));
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("List-Id", "Hallway weekly digest <digest." + host() + ">");
        return headers;
    }

    /**
     * One attempt on a claimed message. Whatever goes wrong before the SMTP server accepted it (an unreadable
     * digest, a template error, a refusal, no answer in time) counts as an attempt, so no message stays claimed for
     * good.
     */
    private OutboxStatus sendOne(OutboxClaims.Claimed message, DigestVariants variants, Map<String, String> common) {
        try {
            DigestVariants.Variant mine = variants.of(message.week(), message.series());
            if (mine.empty()) {
                // the subscriber chose other series after the week was built: nothing of theirs to read, no mail
                QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update(
                        "status = ?1, " + Leases.GIVE_BACK + " where id = ?2", OutboxStatus.SKIPPED, message.id()));
                return OutboxStatus.SKIPPED;
            }
            String unsubscribe = subscriptions.unsubscribeUrl(message.subscriberId());
            String preferences = subscriptions.preferencesUrl(message.subscriberId());
            Map<String, String> headers = new HashMap<>(common);
            headers.put("List-Unsubscribe", "<" + unsubscribe + ">" + common.get("List-Unsubscribe"));
            mail.send(message.email(), mine.subject(), mine.html(unsubscribe, preferences), mine.text(unsubscribe, preferences),
                    message.messageId(), headers);
        } catch (MailDelivery.SendFailure e) {
            return failed(message.id(), e.getMessage(), e.permanent());
        } catch (RuntimeException | Error e) {
            Log.errorf(e, "digest message %d could not be prepared or sent", message.id());
            return failed(message.id(), SendErrors.describe(e), false);
        }
        recordSent(message);
        return OutboxStatus.SENT;
    }

    /**
     * Sent is sent, whoever holds the row now: the server accepted it, so no one may send it again. One plain JDBC
     * statement in its own (auto)commit, right after the server's reply: no JTA transaction, no entity (the lease
     * columns cleared as {@link Leases#GIVE_BACK} does). Then the address takes mail again: earlier rejections no
     * longer count towards marking it bounced.
     */
    private void recordSent(OutboxClaims.Claimed message) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement sent = c.prepareStatement("UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1,"
                    + " lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ?")) {
                sent.setString(1, OutboxStatus.SENT.name());
                JdbcBinds.instant(sent, 2, clock.instant());
                sent.setLong(3, message.id());
                sent.executeUpdate();
            }
            if (message.bounces() > 0) {
                try (PreparedStatement clear = c.prepareStatement("UPDATE subscriber SET bounces = 0 WHERE id = ? AND bounces > 0")) {
                    clear.setLong(1, message.subscriberId());
                    clear.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("digest message " + message.id() + " was sent but could not be marked sent", e);
        }
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
