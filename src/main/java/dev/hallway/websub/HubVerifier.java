package dev.hallway.websub;

import dev.hallway.common.SqlErrors;
import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.RedirectGuard;
import dev.hallway.publish.FeedCache;
import dev.hallway.publish.TopicContent;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our hub's verification of intent (WebSub, section 5.3): after the 202, a GET to the callback with hub.mode,
 * hub.topic, hub.challenge (and hub.lease_seconds); only a 2xx whose body is exactly the challenge makes a
 * subscription (or ends one). Runs on two threads of its own with a bounded queue, so a flood of requests costs at
 * most that many outgoing calls at once.
 */
@ApplicationScoped
class HubVerifier {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A request as our hub accepted it. */
    record Intent(String mode, String topic, String callback, String callbackHost, String secret, long leaseSeconds,
                  String contentHash) {
    }

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    WebSubHttp http;
    @Inject
    RedirectGuard guard;
    @Inject
    FeedCache feeds;

    private ThreadPoolExecutor threads;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        threads = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
            Thread t = new Thread(r, "hallway-websub-verify-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        threads.shutdownNow();
    }

    /**
     * Room for a new subscription: true when the pair is already known or a pending row could be added under the
     * callback host's limit (the row counts towards it while the intent is verified).
     */
    boolean reserve(Intent intent) {
        String key = WebSubSubscriber.key(intent.topic(), intent.callback());
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (WebSubSubscriber.count("keyHash", key) > 0) {
                    return true;
                }
                if (WebSubSubscriber.count("callbackHost", intent.callbackHost()) >= config.websub().maxSubscriptionsPerCallbackHost()) {
                    return false;
                }
                WebSubSubscriber row = new WebSubSubscriber();
                row.keyHash = key;
                row.topic = intent.topic();
                row.callback = intent.callback();
                row.callbackHost = intent.callbackHost();
                row.state = WebSubSubscriber.PENDING;
                row.createdAt = clock.instant();
                row.persist();
                return true;
            });
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return true; // the same pair asked twice at once
            }
            throw e;
        }
    }

    /** Whether this topic and callback have a subscription (verified or not). */
    boolean known(Intent intent) {
        String key = WebSubSubscriber.key(intent.topic(), intent.callback());
        return QuarkusTransaction.requiringNew().call(() -> WebSubSubscriber.count("keyHash", key) > 0);
    }

    /** Queues the verification; false when the queue is full. */
    boolean submit(Intent intent) {
        try {
            threads.execute(() -> {
                try {
                    verify(intent);
                } catch (RuntimeException e) {
                    Log.warnf(e, "WebSub hub: verifying %s for %s failed", intent.callback(), intent.topic());
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void verify(Intent intent) {
        String challenge = HexFormat.of().formatHex(randomBytes());
        boolean confirmed = ask(intent, challenge);
        String key = WebSubSubscriber.key(intent.topic(), intent.callback());
        QuarkusTransaction.requiringNew().run(() -> {
            WebSubSubscriber row = WebSubSubscriber.find("keyHash", key).firstResult();
            if (intent.mode().equals(WebSubSubscription.UNSUBSCRIBE)) {
                if (confirmed && row != null) {
                    row.delete();
                    Log.infof("WebSub hub: %s unsubscribed from %s", intent.callback(), intent.topic());
                }
                return;
            }
            if (row == null) {
                return; // purged meanwhile
            }
            if (!confirmed) {
                if (row.state.equals(WebSubSubscriber.PENDING)) {
                    row.delete();
                }
                return;
            }
            Instant now = clock.instant();
            TopicContent content = feeds.topic(intent.topic());
            row.state = WebSubSubscriber.ACTIVE;
            row.secret = intent.secret();
            row.leaseUntil = now.plusSeconds(intent.leaseSeconds());
            row.deliveredHash = content == null ? intent.contentHash() : content.hash(); // they can fetch this much now
            row.failures = 0;
            row.nextAttemptAt = null;
            row.lastError = null;
            Log.infof("WebSub hub: %s subscribed to %s until %s", intent.callback(), intent.topic(), row.leaseUntil);
        });
    }

    /** The GET of the verification: true only for a 2xx whose body is exactly the challenge. */
    private boolean ask(Intent intent, String challenge) {
        URI callback = URI.create(intent.callback());
        String internal = guard.internalAddress(URI.create(BaseUrl.of(config)), callback);
        if (internal != null) {
            Log.warnf("WebSub hub: callback %s is on an internal address (%s): not verified", intent.callback(), internal);
            return false;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("hub.mode", intent.mode());
        params.put("hub.topic", intent.topic());
        params.put("hub.challenge", challenge);
        if (intent.mode().equals(WebSubSubscription.SUBSCRIBE)) {
            params.put("hub.lease_seconds", Long.toString(intent.leaseSeconds()));
        }
        try {
            WebSubHttp.Answer answer = http.get(WebSubHttp.withQuery(intent.callback(), params));
            boolean confirmed = answer.success() && challenge.equals(answer.body());
            if (!confirmed) {
                Log.infof("WebSub hub: %s did not confirm %s of %s (%s)", intent.callback(), intent.mode(),
                        intent.topic(), answer.success() ? "wrong challenge" : answer.describe());
            }
            return confirmed;
        } catch (IOException | IllegalArgumentException e) {
            Log.infof("WebSub hub: %s did not answer the verification: %s", intent.callback(), e.getMessage());
            return false;
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
