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
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
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
