package dev.hallway.poll;

/** What one poll did, as logged and as answered by POST /admin/poll. */
public record PollOutcome(long source, String name, PollResult result, Integer httpStatus, long bytes,
                          int entries, int added, int updated, long tookMs, String error) {

    static PollOutcome busy(long source, String name) {
        return new PollOutcome(source, name, PollResult.BUSY, null, 0, 0, 0, 0, 0, "a poll of this feed is already running");
    }
}
