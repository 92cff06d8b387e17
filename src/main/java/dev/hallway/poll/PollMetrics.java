package dev.hallway.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * hallway.polls{result}, hallway.poll.duration and hallway.poll.tick (the scheduler's own work per tick). Registered at startup so every result reads 0 before it first
 * happens (a missing series and a zero look different to alerting rules).
 */
@Startup
@ApplicationScoped
public class PollMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<PollResult, Counter> polls = new EnumMap<>(PollResult.class);
    private Timer duration;
    private Timer tick;

    @PostConstruct
    void register() {
        for (PollResult result : PollResult.values()) {
            if (result != PollResult.BUSY) { // a refused request, not a poll: PollService never sees it
                polls.put(result, Counter.builder("hallway.polls").description("Polls of a feed, by how they ended")
                        .tag("result", result.json()).register(registry));
            }
        }
        duration = Timer.builder("hallway.poll.duration").description("One poll, fetch through store")
                .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .register(registry);
        tick = Timer.builder("hallway.poll.tick").description("One scheduler tick: the due-feeds query and the claims")
                .register(registry);
    }

    Timer tick() {
        return tick;
    }

    void polled(PollOutcome outcome) {
        Counter counter = polls.get(outcome.result());
        if (counter != null) {
            counter.increment();
        }
        duration.record(outcome.tookMs(), TimeUnit.MILLISECONDS);
    }
}
