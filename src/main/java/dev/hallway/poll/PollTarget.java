package dev.hallway.poll;

import dev.hallway.parse.PublisherHints;
import dev.hallway.fetch.HostSlots;
import dev.hallway.source.Source;

/**
 * What a poll needs of a source, read when the source is claimed, so that the poll itself opens no transaction
 * before the network call and none spans it.
 *
 * @param host              what the per-host limit counts ({@link HostSlots#hostOf})
 * @param pageUrl           the web page the feed was discovered on, or null
 * @param intervalSeconds   the interval as read with the claim (the bookkeeping of an unchanged feed relies on it only
 *                          while the row still says the same)
 * @param pushIntervalSeconds the safety interval while a WebSub hub pushes the feed, 0 when none (read likewise)
 * @param feedHints         the feed's own hints of how often it changes, from its last body (a 304 brings none)
 * @param fullTextSetting   feeds.yaml's {@code fulltext:}, or null when it says nothing (detection decides)
 * @param fullTextDetected  the last parsed body looked summary-only
 */
public record PollTarget(long id, String name, String url, String host, String etag, String lastModified,
                         String bodyHash, String conferenceHint, String pageUrl, long intervalSeconds,
                         long pushIntervalSeconds, PublisherHints feedHints, Boolean fullTextSetting,
                         boolean fullTextDetected) {

    /** The interval the next poll waits before publishers' hints (see {@link Source#pollIntervalSeconds()}). */
    long pollIntervalSeconds() {
        return pushIntervalSeconds == 0 ? intervalSeconds : Math.max(intervalSeconds, pushIntervalSeconds);
    }

    static PollTarget of(Source s) {
        return new PollTarget(s.id, s.displayName(), s.url, HostSlots.hostOf(s.url), s.etag, s.lastModified, s.bodyHash,
                s.conferenceHint, s.pageUrl, s.intervalSeconds,
                s.pushPollIntervalSeconds == null ? 0 : s.pushPollIntervalSeconds,
                new PublisherHints(s.feedTtl, s.feedUpdatePeriod, s.feedUpdateFrequency), s.fullText, s.fullTextDetected);
    }

    /** Whether new posts get their page fetched, as the source stood when claimed. */
    boolean wantsFullText() {
        return fullTextSetting != null ? fullTextSetting : fullTextDetected;
    }
}
