package dev.hallway.digest;

import dev.hallway.config.Schedules;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * Builds the previous ISO week's digest on hallway.digest.cron, in hallway.digest.zone; the sender does the rest.
 * A run missed while every instance was down is made up by {@link DigestCatchUp}.
 */
@ApplicationScoped
public class DigestScheduler {

    @Inject
    DigestService digests;
    @Inject
    DigestSender sender;
    @Inject
    DigestCatchUp catchUp;
    @Inject
    Clock clock;

    @Scheduled(cron = Schedules.DIGEST_CRON, timeZone = Schedules.DIGEST_ZONE,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void weekly() {
        IsoWeek week = IsoWeek.previous(clock.instant(), digests.zone());
        digests.build(week);
        catchUp.recordScheduled(week, clock.instant());
        sender.sendDue();
    }
}
