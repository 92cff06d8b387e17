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
 */
public record SourceView(long id, String name, String title, String url, String configUrl, String pageUrl,
                         String discovery, String siteUrl,
                         List<String> tags, String conference, long intervalSeconds, long pollIntervalSeconds, String push,
                         boolean active,
                         SourceStatus status, String disabledReason, Instant lastPollAt, Instant lastSuccessAt,
                         Integer lastHttpStatus, String lastError, int consecutiveFailures, Instant nextPollAt,
                         long entryCount) {

    static SourceView of(Source s, long entryCount) {
        return new SourceView(s.id, s.displayName(), s.title, s.url, s.configUrl, s.pageUrl, s.discovery, s.siteUrl,
                s.tags, s.conferenceHint, s.intervalSeconds, s.pollIntervalSeconds(), s.push, s.active, s.status, s.disabledReason, s.lastPolledAt, s.lastSuccessAt,
                s.lastHttpStatus, s.lastError, s.consecutiveFailures, s.nextPollAt, entryCount);
    }
}
