package dev.hallway.websub;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.RedirectGuard;
import dev.hallway.publish.FeedCache;
import dev.hallway.publish.TopicContent;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our hub's content distribution (WebSub, section 7): every couple of seconds, each subscribed feed whose first page
 * changed since a subscriber last received it is pushed to that subscriber, signed with X-Hub-Signature when it gave
 * a secret. A delivery is claimed with one conditional UPDATE (so with several instances it goes out once); a failed
 * one is tried again with backoff; a callback answering 410 ends its subscription; expired leases are dropped.
 */
@ApplicationScoped
class HubDistributor {

    /** A claimed delivery that neither succeeded nor failed (the instance died) is tried again after this. */
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Duration MAX_RETRY_WAIT = Duration.ofHours(6);
    /** A subscription whose intent was never verified is forgotten after this. */
    private static final Duration PENDING_KEPT = Duration.ofHours(1);

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    FeedCache feeds;
    @Inject
    WebSubHttp http;
    @Inject
    RedirectGuard guard;

    @Scheduled(every = "2s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.websub().enabled()) {
            deliver();
        }
    }

    /** One round: expired subscriptions dropped, every due delivery made. */
    void deliver() {
        Instant now = clock.instant();
        List<WebSubSubscriber> due = QuarkusTransaction.requiringNew().call(() -> {
            long expired = WebSubSubscriber.delete("(state = ?1 and leaseUntil < ?2) or (state = ?3 and createdAt < ?4)",
                    WebSubSubscriber.ACTIVE, now, WebSubSubscriber.PENDING, now.minus(PENDING_KEPT));
            if (expired > 0) {
                Log.infof("WebSub hub: %d subscriptions expired", expired);
            }
            List<WebSubSubscriber> rows = WebSubSubscriber.list("state = ?1 and (nextAttemptAt is null or nextAttemptAt <= ?2)",
                    WebSubSubscriber.ACTIVE, now);
            rows.forEach(r -> WebSubSubscriber.getEntityManager().detach(r));
            return rows;
        });
        Map<String, TopicContent> contents = new HashMap<>();
        for (WebSubSubscriber s : due) {
            TopicContent content = contents.computeIfAbsent(s.topic, feeds::topic);
            if (content == null || content.hash().equals(s.deliveredHash) || !claim(s, now)) {
                continue;
            }
            push(s, content);
        }
    }

    private boolean claim(WebSubSubscriber s, Instant now) {
        return QuarkusTransaction.requiringNew().call(() -> WebSubSubscriber.update(
                "nextAttemptAt = ?1 where id = ?2 and state = ?3 and (nextAttemptAt is null or nextAttemptAt <= ?4)",
                now.plus(CLAIM), s.id, WebSubSubscriber.ACTIVE, now) == 1);
    }

    private void push(WebSubSubscriber s, TopicContent content) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", content.contentType());
        if (content.linkHeader() != null) {
            headers.put("Link", content.linkHeader());
        }
        if (s.secret != null) {
            headers.put(HubSignature.HEADER, HubSignature.sign(s.secret, content.body()));
        }
        String error;
        int status = 0;
        String internal = guard.internalAddress(URI.create(BaseUrl.of(config)), URI.create(s.callback));
        if (internal != null) {
            error = "callback on an internal address (" + internal + ")";
        } else {
            try {
                WebSubHttp.Answer answer = http.post(URI.create(s.callback), content.body(), headers);
                status = answer.status();
                error = answer.success() ? null : answer.describe();
            } catch (IOException e) {
                error = "no answer: " + e.getMessage();
            }
        }
        String failure = error;
        int answered = status;
        QuarkusTransaction.requiringNew().run(() -> {
            WebSubSubscriber row = WebSubSubscriber.findById(s.id);
            if (row == null) {
                return;
            }
            if (failure == null) {
                row.deliveredHash = content.hash();
                row.failures = 0;
                row.nextAttemptAt = null;
                row.lastError = null;
                Log.infof("WebSub hub: pushed %s to %s", s.topic, s.callback);
            } else if (answered == 410) {
                row.delete();
                Log.infof("WebSub hub: %s answered 410 Gone: subscription to %s ended", s.callback, s.topic);
            } else {
                row.failures++;
                Duration wait = Duration.ofSeconds(30).multipliedBy(1L << Math.min(row.failures - 1, 20));
                row.nextAttemptAt = clock.instant().plus(wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait);
                row.lastError = failure.length() <= 2048 ? failure : failure.substring(0, 2047) + "…";
                Log.warnf("WebSub hub: push of %s to %s failed (%s); next try at %s", s.topic, s.callback, failure, row.nextAttemptAt);
            }
        });
    }
}
