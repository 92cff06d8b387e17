package dev.hallway.config;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schedules' expressions and HallwayConfig's defaults are the same constants. */
class SchedulesTest {

    private static String defaultOf(Class<?> type, String method) throws NoSuchMethodException {
        return type.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    @Test
    void everyScheduleExpressionFallsBackToTheConfigurationsDefault() throws Exception {
        assertEquals("${hallway.feeds-reload-interval:" + defaultOf(HallwayConfig.class, "feedsReloadInterval") + "}", Schedules.FEEDS_RELOAD);
        assertEquals("${hallway.poll.tick:" + defaultOf(HallwayConfig.Poll.class, "tick") + "}", Schedules.POLL_TICK);
        assertEquals("${hallway.digest.send-interval:" + defaultOf(HallwayConfig.Digest.class, "sendInterval") + "}", Schedules.DIGEST_SEND_INTERVAL);
        assertEquals("${hallway.digest.cron:" + defaultOf(HallwayConfig.Digest.class, "cron") + "}", Schedules.DIGEST_CRON);
        assertEquals("${hallway.digest.zone:" + defaultOf(HallwayConfig.Digest.class, "zone") + "}", Schedules.DIGEST_ZONE);
    }
}
