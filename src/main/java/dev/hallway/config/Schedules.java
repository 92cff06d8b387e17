package dev.hallway.config;

/**
 * The schedules' settings as {@code @Scheduled} reads them, each default written once: {@link HallwayConfig} declares
 * the same constants as its defaults.
 */
public final class Schedules {

    public static final String FEEDS_RELOAD_DEFAULT = "10s";
    public static final String FEEDS_RELOAD = "${hallway.feeds-reload-interval:" + FEEDS_RELOAD_DEFAULT + "}";

    public static final String POLL_TICK_DEFAULT = "15s";
    public static final String POLL_TICK = "${hallway.poll.tick:" + POLL_TICK_DEFAULT + "}";

    public static final String DIGEST_SEND_INTERVAL_DEFAULT = "10s";
    public static final String DIGEST_SEND_INTERVAL = "${hallway.digest.send-interval:" + DIGEST_SEND_INTERVAL_DEFAULT + "}";

    public static final String DIGEST_CRON_DEFAULT = "0 0 8 ? * MON";
    public static final String DIGEST_CRON = "${hallway.digest.cron:" + DIGEST_CRON_DEFAULT + "}";

    public static final String DIGEST_ZONE_DEFAULT = "UTC";
    public static final String DIGEST_ZONE = "${hallway.digest.zone:" + DIGEST_ZONE_DEFAULT + "}";

    private Schedules() {
    }
}
