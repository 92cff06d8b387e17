package dev.hallway.digest;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.hallway.common.AppState;
import dev.hallway.config.HallwayConfig;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Builds the digest of the last scheduled run (hallway.digest.cron) if it never ran: every instance was down at
 * that moment. Checked at startup and every hour; the scheduled run and this check record the week they built
 * (even an empty one), so a week is built once whichever does it, and building twice changes nothing anyway.
 */
@ApplicationScoped
public class DigestCatchUp {

    static final String LAST_SCHEDULED_WEEK = "digest.scheduled-week";

    @Inject
    HallwayConfig config;
    @Inject
    DigestService digests;
    @Inject
    Clock clock;

    void atStartup(@Observes StartupEvent event) {
        try {
            catchUp(clock.instant());
        } catch (RuntimeException e) {
            Log.warnf(e, "checking for a missed digest failed; the hourly check tries again");
        }
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        catchUp(clock.instant());
    }

    /** @return the week built now because its scheduled run was missed, if any */
    public Optional<IsoWeek> catchUp(Instant now) {
        Optional<ZonedDateTime> lastRun = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ))
                .parse(config.digest().cron())).lastExecution(now.atZone(digests.zone()));
        if (lastRun.isEmpty()) {
            return Optional.empty();
        }
        IsoWeek due = IsoWeek.previous(lastRun.get().toInstant(), digests.zone());
        boolean done = QuarkusTransaction.requiringNew().call(() ->
                due.toString().equals(AppState.get(LAST_SCHEDULED_WEEK)) || Digest.findById(due.toString()) != null);
        if (done) {
            return Optional.empty();
        }
        Log.infof("the digest run of %s was missed (no instance was up): building %s now", lastRun.get(), due);
        digests.build(due);
        recordScheduled(due, now);
        return Optional.of(due);
    }

    /** Notes that the scheduled run for this week happened (whether or not the week had a report). */
    void recordScheduled(IsoWeek week, Instant now) {
        try {
            QuarkusTransaction.requiringNew().run(() -> AppState.put(LAST_SCHEDULED_WEEK, week.toString(), now));
        } catch (RuntimeException anotherInstanceRecordedItFirst) {
            Log.debugf("digest week %s already recorded", week);
        }
    }
}
