package dev.hallway.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The application's clock moved back to noon on 1 June 2025 (and still ticking, so leases and timeouts behave), for
 * tests whose answer depends on the day: which edition of a series is the next one. Enabled by a test profile only.
 */
@Alternative
@ApplicationScoped
public class ShiftedClock {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), NOW));
    }
}
