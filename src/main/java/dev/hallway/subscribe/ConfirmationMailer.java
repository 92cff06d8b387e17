package dev.hallway.subscribe;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.mail.MailDelivery;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the queued confirmation emails ({@link ConfirmationMail}), outside the request that asked for one: right
 * after it ({@link #soon()}) and every hallway.digest.send-interval. A row is taken by deleting it (one instance
 * wins), so a confirmation goes out at most once; a passing failure puts it back for a later attempt (3 in all).
 */
@ApplicationScoped
public class ConfirmationMailer {

    static final int MAX_ATTEMPTS = 3;

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    MailDelivery mail;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "confirmation-mailer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    /** Sends what is due on a thread of its own, so the request that queued a confirmation never waits for SMTP. */
    public void soon() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    try {
                        sendDue();
                    } catch (RuntimeException e) {
                        Log.warnf(e, "sending confirmation emails failed; the next pass tries again");
                    }
                });
            } catch (RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    @Scheduled(every = "${hallway.digest.send-interval:10s}", delayed = "${hallway.digest.send-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sendDue();
    }

    /** @return how many confirmation emails were sent */
    public synchronized int sendDue() {
        if (!mail.enabled()) {
            return 0;
        }
        int sent = 0;
        Instant now = clock.instant();
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> ConfirmationMail.<ConfirmationMail>find(
                "nextAttemptAt <= ?1 order by id", now).page(0, 100).list().stream().map(c -> c.id).toList());
        for (Long id : due) {
            if (sendOne(id)) {
                sent++;
            }
        }
        return sent;
    }

    private record Taken(ConfirmationMail row, String email) {
    }

    private boolean sendOne(long id) {
        Taken taken = QuarkusTransaction.requiringNew().call(() -> {
            ConfirmationMail row = ConfirmationMail.findById(id);
            if (row == null || ConfirmationMail.delete("id", id) != 1) {
                return null; // another instance took it
            }
            Subscriber s = Subscriber.findById(row.subscriberId);
            return s == null ? null : new Taken(row, s.email);
        });
        if (taken == null) {
            return false;
        }
        String link = BaseUrl.of(config) + "/subscriptions/confirm?token=" + taken.row().token;
        try {
            mail.send(taken.email(), "Confirm your Hallway subscription", SubscribeTemplates.confirmHtml(link).render(),
                    SubscribeTemplates.confirmText(link).render(), mail.newMessageId(), Map.of());
            return true;
        } catch (MailDelivery.SendFailure e) {
            retryOrGiveUp(taken.row(), e.getMessage(), e.permanent());
        } catch (RuntimeException e) {
            retryOrGiveUp(taken.row(), e.toString(), false);
        }
        return false;
    }

    private void retryOrGiveUp(ConfirmationMail taken, String error, boolean permanent) {
        int attempts = taken.attempts + 1;
        boolean giveUp = permanent || attempts >= MAX_ATTEMPTS;
        Log.warnf("confirmation email for subscriber %d not sent (attempt %d, %s): %s", taken.subscriberId, attempts,
                giveUp ? "giving up" : "will retry", error);
        QuarkusTransaction.requiringNew().run(() -> {
            if (giveUp) {
                // asking again sends one at once
                Subscriber.update("confirmSentAt = null where id = ?1", taken.subscriberId);
                return;
            }
            ConfirmationMail again = new ConfirmationMail();
            again.subscriberId = taken.subscriberId;
            again.token = taken.token;
            again.attempts = attempts;
            again.createdAt = taken.createdAt;
            again.lastError = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
            again.nextAttemptAt = clock.instant().plus(config.digest().retryDelay().multipliedBy(1L << (attempts - 1)));
            again.persist();
        });
    }
}
