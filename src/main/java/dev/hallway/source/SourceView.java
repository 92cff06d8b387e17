package dev.hallway.source;

import java.time.Instant;
import java.util.List;

/**
 * One feed as GET /sources shows it.
 *
 * @param url       the feed polled
 * @param pageUrl   the web page that feed was discovered on (feeds.yaml lists a home page), or null
 * @param discovery which of the page's feeds was chosen and why, or null
 * @param fullText  new posts get their page fetched for their full text
 * @param fullTextReason why: {@code configured: …} (feeds.yaml's {@code fulltext:}) or {@code detected: …}; null when
 *                  off and nothing suggested it
 */
public record SourceView(long id, String name, String title, String url, String configUrl, String pageUrl,
                         String discovery, String siteUrl,
                         List<String> tags, String conference, long intervalSeconds, boolean active,
                         SourceStatus status, String disabledReason, Instant lastPollAt, Instant lastSuccessAt,
                         Integer lastHttpStatus, String lastError, int consecutiveFailures, Instant nextPollAt,
                         long entryCount, boolean fullText, String fullTextReason) {

    static SourceView of(Source s, long entryCount) {
        return new SourceView(s.id, s.displayName(), s.title, s.url, s.configUrl, s.pageUrl, s.discovery, s.siteUrl,
                s.tags, s.conferenceHint, s.intervalSeconds, s.active, s.status, s.disabledReason, s.lastPolledAt, s.lastSuccessAt,
                s.lastHttpStatus, s.lastError, s.consecutiveFailures, s.nextPollAt, entryCount, s.fullTextOn(), s.fullTextReason());
    }
}
