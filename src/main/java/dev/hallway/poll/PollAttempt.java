package dev.hallway.poll;

import dev.hallway.normalize.SummaryOnlyFeeds;

import dev.hallway.fetch.Discovery;
import dev.hallway.fetch.FetchResponse;
import dev.hallway.parse.ParsedFeed;

import java.time.Duration;
import java.util.List;

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
    /** Whether the parsed body looked summary-only; null when nothing was parsed. */
    SummaryOnlyFeeds.Verdict summaryOnly;
    /** The posts stored for the first time. */
    List<Long> addedIds = List.of();
}
