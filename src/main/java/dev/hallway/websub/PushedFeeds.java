package dev.hallway.websub;

import dev.hallway.config.HallwayConfig;
import dev.hallway.source.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What a WebSub subscription does to its feed's polling, in the caller's transaction: while a hub pushes, the feed
 * is polled every hallway.websub.safety-poll-interval (or its own interval if longer); when pushing stops, at its own
 * interval again, starting at once. /sources shows both (pollIntervalSeconds, push).
 */
@ApplicationScoped
class PushedFeeds {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;

    void pushing(long sourceId, String hub, Instant leaseUntil) {
        Source s = Source.findById(sourceId);
        if (s == null) {
            return;
        }
        Duration safety = config.websub().safetyPollInterval();
        s.pushPollIntervalSeconds = safety.toSeconds();
        s.push = cut("WebSub: " + hub + " pushes this feed (lease until " + leaseUntil + "); polled every "
                + IntervalText.of(Duration.ofSeconds(s.pollIntervalSeconds())) + " as a safety net");
        Instant safetyPoll = clock.instant().plusSeconds(s.pollIntervalSeconds());
        if (s.nextPollAt.isBefore(safetyPoll)) {
            s.nextPollAt = safetyPoll;
        }
    }

    void polling(long sourceId, String why) {
        Source s = Source.findById(sourceId);
        if (s == null) {
            return;
        }
        boolean wasPushed = s.pushPollIntervalSeconds != null;
        s.pushPollIntervalSeconds = null;
        s.push = cut("WebSub: " + why + "; polled every " + IntervalText.of(Duration.ofSeconds(s.intervalSeconds)) + " again");
        Instant now = clock.instant();
        if (wasPushed && s.nextPollAt.isAfter(now)) {
            s.nextPollAt = now; // pushes may have been missed
        }
    }

    private static String cut(String text) {
        return text.length() <= 2048 ? text : text.substring(0, 2047) + "…";
    }

    /** 30m, 24h, 1d12h: durations as feeds.yaml writes them. */
    static final class IntervalText {
        private IntervalText() {
        }

        static String of(Duration d) {
            long s = d.toSeconds();
            if (s % 86400 == 0) {
                return s / 86400 + "d";
            }
            if (s % 3600 == 0) {
                return s / 3600 + "h";
            }
            if (s % 60 == 0) {
                return s / 60 + "m";
            }
            return s + "s";
        }
    }
}
