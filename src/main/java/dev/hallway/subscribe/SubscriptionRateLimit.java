package dev.hallway.subscribe;

import dev.hallway.common.KeyedBuckets;
import dev.hallway.config.HallwayConfig;
import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * How many subscription requests this instance takes: hallway.subscribe.per-client from one client address, and
 * hallway.subscribe.global from everyone together (which bounds the confirmation emails whatever the addresses).
 */
@ApplicationScoped
public class SubscriptionRateLimit {

    @Inject
    HallwayConfig config;

    private KeyedBuckets perClient;
    private Bucket global;

    @PostConstruct
    void init() {
        HallwayConfig.Subscribe limits = config.subscribe();
        perClient = new KeyedBuckets(limits.perClient(), limits.perClientPeriod(), 100_000);
        global = KeyedBuckets.bucket(limits.global(), limits.globalPeriod());
    }

    /** Counts one request from this client. @return empty when it may go on, else how long to wait */
    public Optional<Duration> take(String clientAddress) {
        Optional<Duration> wait = perClient.take(clientAddress == null ? "unknown" : clientAddress);
        return wait.isPresent() ? wait : KeyedBuckets.take(global);
    }
}
