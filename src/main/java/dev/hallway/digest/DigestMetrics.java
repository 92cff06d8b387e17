package dev.hallway.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/**
 * hallway.digest.deliveries{status}: each attempt on an outbox message, by its result: sent, retry (a passing failure,
 * tried again later), failed (a permanent rejection, or the last attempt), skipped (the subscriber left meanwhile).
 */
@Startup
@ApplicationScoped
public class DigestMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<OutboxStatus, Counter> deliveries = new EnumMap<>(OutboxStatus.class);

    @PostConstruct
    void register() {
        register(OutboxStatus.SENT, "sent");
        register(OutboxStatus.PENDING, "retry");
        register(OutboxStatus.FAILED, "failed");
        register(OutboxStatus.SKIPPED, "skipped");
    }

    private void register(OutboxStatus status, String tag) {
        deliveries.put(status, Counter.builder("hallway.digest.deliveries")
                .description("Attempts to deliver a digest message, by result").tag("status", tag).register(registry));
    }

    /** Counts the result of one attempt and hands it on. */
    OutboxStatus delivered(OutboxStatus status) {
        Counter counter = deliveries.get(status);
        if (counter != null) {
            counter.increment();
        }
        return status;
    }
}
