package dev.hallway.admin;

import dev.hallway.common.KeyedBuckets;
import dev.hallway.config.HallwayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * Wrong admin tokens per client address, whether sent as a bearer token or typed into the admin page's sign-in form:
 * hallway.admin.max-failures per hallway.admin.failure-period, then every admin request from that address is 429.
 */
@ApplicationScoped
public class AdminFailures {

    @Inject
    HallwayConfig config;

    private KeyedBuckets failures;

    @PostConstruct
    void init() {
        failures = new KeyedBuckets(config.admin().maxFailures(), config.admin().failurePeriod(), 100_000);
    }

    /** Whether this client may still try (it has wrong tokens left to spend). */
    public boolean allowed(String client) {
        return failures.hasTokens(client);
    }

    /** Counts one wrong token. @return empty while the client may try again, else how long until it may */
    public Optional<Duration> fail(String client) {
        return failures.take(client);
    }

    /** How long a blocked client waits, for Retry-After (spends nothing it still has). */
    public long retryAfterSeconds(String client) {
        Duration wait = failures.take(client).orElse(Duration.ofSeconds(1));
        return KeyedBuckets.retryAfterSeconds(wait);
    }
}
