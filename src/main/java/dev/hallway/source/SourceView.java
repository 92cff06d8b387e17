package dev.hallway.source;

import java.time.Instant;
import java.util.List;

/**
 * One feed as GET /sources shows it.
 *
 * @param url       the feed polled
 * @param pageUrl   the web page that feed was discovered on (feeds.yaml lists a home page), or null
 * @param discovery which of the page's feeds was chosen and why, or null
 * @param pollIntervalSeconds the interval in force: intervalSeconds, or the safety interval while a WebSub hub
 *                            pushes the feed
 * @param push      how WebSub pushing goes (hub, lease, or why the feed fell back to polling), or null
 * @param effectiveIntervalSeconds the interval kept: intervalSeconds, or the publisher's hint when that is longer
 * @param intervalHint the publisher's hint (see README, Politeness), or null when the feed gave none
 * @param fullText  new posts get their page fetched for their full text
 * @param fullTextReason why: {@code configured: …} (feeds.yaml's {@code fulltext:}) or {@code detected: …}; null when
 *                  off and nothing suggested it
 */
public record SourceView(long id, String name, String title, String url, String configUrl, String pageUrl,
                         String discovery, String siteUrl,
                         List<String> tags, String conference, long intervalSeconds, long pollIntervalSeconds, String push,
                         boolean active,
                         SourceStatus status, String disabledReason, Instant lastPollAt, Instant lastSuccessAt,
                         Integer lastHttpStatus, String lastError, int consecutiveFailures, Instant nextPollAt,
                         long entryCount, long effectiveIntervalSeconds, IntervalHint intervalHint, boolean fullText,
                         String fullTextReason) {

    /**
     * @param from    cache-control, ttl or sy:updatePeriod: the hint that applied (the longest), or null if none could
     * @param seconds what it asked for, capped at hallway.poll.max-hint
     * @param applies whether it lengthens the configured interval
     * @param note    hints ignored and why, or a cap, or null
     */
    public record IntervalHint(String from, Long seconds, boolean applies, String note) {
    }

    static SourceView of(Source s, long entryCount) {
        return new SourceView(s.id, s.displayName(), s.title, s.url, s.configUrl, s.pageUrl, s.discovery, s.siteUrl,
                s.tags, s.conferenceHint, s.intervalSeconds, s.pollIntervalSeconds(), s.push, s.active, s.status, s.disabledReason, s.lastPolledAt, s.lastSuccessAt,
                s.lastHttpStatus, s.lastError, s.consecutiveFailures, s.nextPollAt, entryCount, s.effectiveIntervalSeconds(),
                s.intervalHintFrom == null && s.intervalHintNote == null ? null
                        : new IntervalHint(s.intervalHintFrom, s.intervalHintSeconds,
                        s.intervalHintSeconds != null && s.intervalHintSeconds > s.pollIntervalSeconds(), s.intervalHintNote),
                s.fullTextOn(), s.fullTextReason());
    }
}
