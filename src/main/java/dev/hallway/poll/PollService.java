package dev.hallway.poll;

import dev.hallway.common.Hashing;
import dev.hallway.entry.EntryStore;
import dev.hallway.fetch.FeedDiscovery;
import dev.hallway.fetch.FetchException;
import dev.hallway.fetch.FetchRequest;
import dev.hallway.fetch.FetchResponse;
import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.normalize.SummaryOnlyFeeds;
import dev.hallway.parse.FeedParseException;
import dev.hallway.parse.FeedParser;
import dev.hallway.source.Source;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** One poll of one feed: fetch → parse → normalize → store, then its bookkeeping ({@link PollBookkeeping}). */
@ApplicationScoped
public class PollService {

    @Inject
    Clock clock;
    @Inject
    FeedDiscovery discovery;
    @Inject
    FeedParser parser;
    @Inject
    EntryStore store;
    @Inject
    PollBookkeeping bookkeeping;
    @Inject
    PollMetrics metrics;
    @Inject
    Event<FeedPolled> polled;
    @Inject
    FullTextPass fullText;

    /** Polls a source this instance has claimed, and releases the claim. */
    public PollOutcome poll(PollTarget source) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        PollAttempt attempt = new PollAttempt();
        try {
            attempt(source, started, attempt);
        } catch (Throwable t) { // an Error too (OutOfMemoryError, StackOverflowError): a hostile feed must not stop the poll
            attempt.result = PollResult.FAILED;
            attempt.error = PollFailure.describe(t);
            Log.errorf(t, "poll of source %d failed: %s", source.id(), attempt.error);
        }
        FullTextPass.Done pages = fullText(source, attempt, t0);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        PollOutcome outcome = new PollOutcome(source.id(), source.name(), attempt.result, attempt.httpStatus,
                attempt.bytes, attempt.found, attempt.added, attempt.updated, tookMs, attempt.error);
        bookkeeping.record(source, attempt, outcome, started);
        metrics.polled(outcome);
        Log.infof("poll source=%d \"%s\" result=%s http=%s bytes=%d entries=%d new=%d updated=%d%s took=%dms%s",
                source.id(), source.name(), outcome.result().json(), attempt.httpStatus == null ? "-" : attempt.httpStatus,
                attempt.bytes, attempt.found, attempt.added, attempt.updated,
                pages == FullTextPass.Done.NOTHING ? "" : " pages=" + pages.fetched() + " pages_failed=" + pages.failed(), tookMs,
                attempt.error == null ? "" : " error=\"" + attempt.error + "\"");
        if (attempt.result == PollResult.OK) {
            polled.fireAsync(new FeedPolled(source.id(), attempt.response.finalUrl(), attempt.feed.hubs(),
                    attempt.feed.self(), attempt.response.links()));
        }
        return outcome;
    }

    /**
     * A feed's new content pushed to us (a WebSub hub's notification) rather than fetched: the same parse → normalize
     * → classify → store as a poll, and the same bookkeeping (the feed is OK, its next safety poll an interval on). A
     * body that is not a feed leaves the feed as it was and is answered with the parse error.
     *
     * @param url the URL the content is of (the topic), to resolve its relative links
     */
    public PollOutcome pushed(long sourceId, byte[] body, String contentType, String url) {
        PollTarget source = QuarkusTransaction.requiringNew().call(() -> {
            Source s = Source.findById(sourceId);
            return s == null ? null : PollTarget.of(s);
        });
        if (source == null) {
            return new PollOutcome(sourceId, null, PollResult.FAILED, null, body.length, 0, 0, 0, 0, "no source " + sourceId);
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        PollAttempt a = new PollAttempt();
        a.bytes = body.length;
        a.bodyHash = Hashing.sha256Hex(body);
        try {
            a.feed = parser.parse(body, contentType, url);
        } catch (FeedParseException e) {
            Log.warnf("push source=%d \"%s\" refused: %s", sourceId, source.name(), e.getMessage());
            return new PollOutcome(sourceId, source.name(), PollResult.FAILED, null, body.length, 0, 0, 0,
                    (System.nanoTime() - t0) / 1_000_000, e.getMessage());
        }
        store(source, a, started);
        PollOutcome outcome = new PollOutcome(source.id(), source.name(), a.result, null, a.bytes, a.found, a.added,
                a.updated, (System.nanoTime() - t0) / 1_000_000, null);
        bookkeeping.record(source, a, outcome, started);
        Log.infof("push source=%d \"%s\" result=ok bytes=%d entries=%d new=%d updated=%d took=%dms", source.id(),
                source.name(), a.bytes, a.found, a.added, a.updated, outcome.tookMs());
        return outcome;
    }

    /**
     * A summary-only feed (or one set to {@code fulltext: true}): its new posts' pages, and those due again, are fetched
     * for their full text, within this poll's lease and host slot. A failure here fails no poll: the posts keep the
     * feed's excerpts and are tried again on the next one.
     */
    private FullTextPass.Done fullText(PollTarget source, PollAttempt a, long startedNanos) {
        boolean polled = a.result == PollResult.OK || a.result == PollResult.NOT_MODIFIED || a.result == PollResult.UNCHANGED;
        boolean wanted = source.fullTextSetting() != null ? source.fullTextSetting()
                : a.summaryOnly != null ? a.summaryOnly.summaryOnly() : source.fullTextDetected();
        if (!polled || !wanted) {
            return FullTextPass.Done.NOTHING;
        }
        try {
            return fullText.run(source, a.addedIds, startedNanos);
        } catch (RuntimeException e) {
            Log.errorf(e, "full text of source %d's posts failed; they keep their excerpts until the next poll", source.id());
            return FullTextPass.Done.NOTHING;
        }
    }

    /** Fills in {@code a}; any exception it throws leaves a failed poll (see {@link #poll}). */
    private void attempt(PollTarget source, Instant started, PollAttempt a) {
        try {
            // a home page in feeds.yaml, or a discovered feed that went away: FeedDiscovery finds the feed
            FeedDiscovery.Fetched fetched = discovery.fetch(
                    new FetchRequest(source.url(), source.etag(), source.lastModified()), source.pageUrl());
            a.response = fetched.response();
            a.discovery = fetched.discovery();
        } catch (FetchException e) {
            a.result = PollResult.FAILED;
            a.error = e.getMessage();
            return;
        }
        FetchResponse r = a.response;
        a.httpStatus = r.status();
        a.bytes = r.wireBytes();
        if (r.notModified()) {
            a.result = PollResult.NOT_MODIFIED;
        } else if (r.status() == 410) {
            a.result = PollResult.GONE;
            a.error = "HTTP 410 Gone: the server says this feed was removed for good";
        } else if (r.status() == 429 || r.status() == 503) {
            a.result = PollResult.THROTTLED;
            a.retryAfter = r.retryAfter();
            a.error = "HTTP " + r.status() + (r.retryAfter() == null ? "" : ", Retry-After " + r.retryAfter().toSeconds() + " s");
        } else if (!r.success()) {
            a.result = PollResult.FAILED;
            a.error = "HTTP " + r.status();
        } else {
            a.bodyHash = Hashing.sha256Hex(r.body());
            if (a.bodyHash.equals(source.bodyHash())) {
                a.result = PollResult.UNCHANGED;
            } else {
                parseAndStore(source, a, started);
            }
        }
    }

    private void parseAndStore(PollTarget source, PollAttempt a, Instant fetchedAt) {
        try {
            a.feed = parser.parse(a.response.body(), a.response.contentType(), a.response.finalUrl());
        } catch (FeedParseException e) {
            a.result = PollResult.FAILED;
            a.error = e.getMessage();
            return;
        }
        store(source, a, fetchedAt);
    }

    /** Normalize → classify → store the entries of {@code a.feed}: the one path for polled and pushed content. */
    private void store(PollTarget source, PollAttempt a, Instant fetchedAt) {
        List<NormalizedEntry> entries = EntryNormalizer.normalizeAll(a.feed.items(), fetchedAt);
        a.summaryOnly = SummaryOnlyFeeds.judge(entries);
        EntryStore.Result stored = store.store(source.id(), source.conferenceHint(), a.feed.siteUrl(), entries, fetchedAt);
        a.addedIds = stored.addedIds();
        a.found = entries.size();
        a.added = stored.added();
        a.updated = stored.updated();
        a.result = PollResult.OK;
    }
}
