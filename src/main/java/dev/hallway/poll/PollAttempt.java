package dev.hallway.poll;

import dev.hallway.fetch.Discovery;
import dev.hallway.fetch.FetchResponse;
import dev.hallway.parse.ParsedFeed;

import java.time.Duration;

/** What one attempt at a feed found out, filled in as the pipeline goes; the bookkeeping writes it down. */
final class PollAttempt {
    PollResult result;
    Integer httpStatus;
    long bytes;
    int found, added, updated;
    String error;
    FetchResponse response;
    String bodyHash;
    ParsedFeed feed;
    Duration retryAfter;
    /** What feed autodiscovery found, if it ran. */
    Discovery discovery;
}
