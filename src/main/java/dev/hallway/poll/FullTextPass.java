package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import dev.hallway.entry.FullTextPages;
import dev.hallway.fetch.FeedFetcher;
import dev.hallway.fetch.FetchException;
import dev.hallway.fetch.FetchRequest;
import dev.hallway.fetch.FetchResponse;
import dev.hallway.fetch.HostSlots;
import dev.hallway.normalize.ArticleExtractor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Full text for a summary-only feed, inside its poll: the pages of its new posts (and of those whose earlier fetch
 * failed, while attempts are left) are fetched one after another, their main text extracted and stored.
 * <p>
 * Politeness: the poll already holds one of its host's {@link HostSlots}, and pages on that host are fetched in it,
 * one at a time; a page on another host takes a slot there too, waiting for it at most {@link #SLOT_WAIT} (then it is
 * left for the next poll, no attempt counted). Pages go through the feed fetcher (timeouts, redirects, internal
 * addresses refused for a public feed) with their own size cap, and a page fetched again is asked for conditionally.
 * At most hallway.fulltext.max-pages-per-poll pages per poll, and none started once the poll has used half its lease.
 */
@ApplicationScoped
class FullTextPass {

    private static final String CAP_KEY = "hallway.fulltext.max-page-size";
    private static final Duration SLOT_WAIT = Duration.ofSeconds(10);

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    FeedFetcher fetcher;
    @Inject
    HostSlots slots;
    @Inject
    FullTextPages pages;

    /** What the pass did, for the poll's log line. */
    record Done(int fetched, int failed) {
        static final Done NOTHING = new Done(0, 0);
    }

    /**
     * @param newEntries the posts this poll stored for the first time
     * @param startedNanos when the poll started ({@link System#nanoTime()})
     */
    Done run(PollTarget source, List<Long> newEntries, long startedNanos) {
        pages.queue(source.id(), newEntries, clock.instant());
        List<FullTextPages.Due> due = pages.due(source.id(), config.fulltext().maxAttempts(), config.fulltext().maxPagesPerPoll());
        long stopStarting = startedNanos + config.poll().lease().toNanos() / 2;
        int fetched = 0, failed = 0;
        for (FullTextPages.Due page : due) {
            if (System.nanoTime() > stopStarting) {
                break; // the rest wait for the next poll, within its lease
            }
            String host = HostSlots.hostOf(page.url());
            boolean otherHost = !host.equals(source.host()); // the poll's own slot covers its feed's host
            try {
                if (otherHost && !slots.acquire(host, SLOT_WAIT)) {
                    Log.debugf("source %d: no free slot on %s for %s; left for the next poll", source.id(), host, page.url());
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                if (fetch(source, page)) {
                    fetched++;
                } else {
                    failed++;
                }
            } finally {
                if (otherHost) {
                    slots.release(host);
                }
            }
        }
        return new Done(fetched, failed);
    }

    /** @return whether the post now shows (or still shows) its page's text */
    private boolean fetch(PollTarget source, FullTextPages.Due page) {
        String reason;
        try {
            FetchResponse r = fetcher.fetchPage(source.url(), new FetchRequest(page.url(), page.etag(), page.lastModified()),
                    config.fulltext().maxPageSize().asLongValue(), CAP_KEY);
            if (r.notModified() && page.excerpt() == null) {
                pages.unchanged(page.entryId(), clock.instant());
                return true;
            }
            if (!r.success()) {
                reason = "HTTP " + r.status();
            } else {
                ArticleExtractor.Extracted article = ArticleExtractor.extract(r.body(), r.contentType(), r.finalUrl(), page.excerpt());
                pages.fetched(page.entryId(), article, r.etag(), r.lastModified(), source.conferenceHint(), clock.instant());
                return true;
            }
        } catch (FetchException | ArticleExtractor.NoArticleException e) {
            reason = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) { // a hostile page must not fail the feed's poll
            reason = "cannot read the page: " + e;
        }
        Log.infof("source %d: full text of %s not fetched (attempt %d of %d): %s", source.id(), page.url(),
                page.attempts() + 1, config.fulltext().maxAttempts(), reason);
        pages.failed(page.entryId(), reason, config.fulltext().maxAttempts());
        return false;
    }
}
