package dev.hallway.poll;

import dev.hallway.common.Hashing;
import dev.hallway.config.HallwayConfig;
import dev.hallway.config.InstanceId;
import dev.hallway.entry.EntryStore;
import dev.hallway.fetch.FeedFetcher;
import dev.hallway.fetch.FetchException;
import dev.hallway.fetch.FetchRequest;
import dev.hallway.fetch.FetchResponse;
import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.parse.FeedParseException;
import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedFeed;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One poll of one feed: fetch → parse → normalize → store, then the source's bookkeeping and a poll record. */
@ApplicationScoped
public class PollService {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    FeedFetcher fetcher;
    @Inject
    FeedParser parser;
    @Inject
    EntryStore store;
    @Inject
    PollClaims claims;
    @Inject
    PollMetrics metrics;
    @Inject
    InstanceId instance;

    /** Polls a source this instance has claimed, and releases the claim. */
    public PollOutcome poll(PollTarget source) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Attempt attempt = attempt(source, started);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        PollOutcome outcome = new PollOutcome(source.id(), source.name(), attempt.result, attempt.httpStatus,
                attempt.bytes, attempt.found, attempt.added, attempt.updated, tookMs, attempt.error);
        QuarkusTransaction.requiringNew().run(() -> record(source, attempt, outcome, started));
        metrics.polled(outcome);
        Log.infof("poll source=%d \"%s\" result=%s http=%s bytes=%d entries=%d new=%d updated=%d took=%dms%s",
                source.id(), source.name(), outcome.result().json(), attempt.httpStatus == null ? "-" : attempt.httpStatus,
                attempt.bytes, attempt.found, attempt.added, attempt.updated, tookMs,
                attempt.error == null ? "" : " error=\"" + attempt.error + "\"");
        return outcome;
    }

    /** The mutable result of one attempt, filled as the pipeline goes. */
    private static final class Attempt {
        PollResult result;
        Integer httpStatus;
        long bytes;
        int found, added, updated;
        String error;
        FetchResponse response;
        String bodyHash;
        ParsedFeed feed;
        Duration retryAfter;
    }

    private Attempt attempt(PollTarget source, Instant started) {
        Attempt a = new Attempt();
        try {
            a.response = fetcher.fetch(new FetchRequest(source.url(), source.etag(), source.lastModified()));
        } catch (FetchException e) {
            a.result = PollResult.FAILED;
            a.error = e.getMessage();
            return a;
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
        return a;
    }

    private void parseAndStore(PollTarget source, Attempt a, Instant fetchedAt) {
        try {
            a.feed = parser.parse(a.response.body(), a.response.contentType(), a.response.finalUrl());
        } catch (FeedParseException e) {
            a.result = PollResult.FAILED;
            a.error = e.getMessage();
            return;
        }
        List<NormalizedEntry> entries = EntryNormalizer.normalizeAll(a.feed.items(), fetchedAt);
        EntryStore.Result stored = store.store(source.id(), source.conferenceHint(), entries, fetchedAt);
        a.found = entries.size();
        a.added = stored.added();
        a.updated = stored.updated();
        a.result = PollResult.OK;
    }

    private void record(PollTarget snapshot, Attempt a, PollOutcome outcome, Instant started) {
        Source s = Source.findById(snapshot.id());
        Instant now = clock.instant();
        s.lastPolledAt = started;
        s.lastHttpStatus = a.httpStatus;
        if (a.response != null && (a.response.success() || a.response.notModified())) {
            // validators can change with a 304 too; keep whatever the server sent last
            if (a.response.etag() != null) {
                s.etag = a.response.etag();
            }
            if (a.response.lastModified() != null) {
                s.lastModified = a.response.lastModified();
            }
        }
        if (a.response != null && a.response.movedPermanently() && a.result != PollResult.FAILED) {
            Log.infof("source %d moved permanently: %s -> %s", s.id, s.url, a.response.finalUrl());
            s.url = a.response.finalUrl();
        }
        Duration interval = Duration.ofSeconds(s.intervalSeconds);
        switch (a.result) {
            case OK, NOT_MODIFIED, UNCHANGED -> {
                if (a.result == PollResult.OK) {
                    s.bodyHash = a.bodyHash;
                    if (a.feed.title() != null) {
                        s.title = a.feed.title();
                    }
                    s.siteUrl = a.feed.siteUrl();
                }
                s.status = SourceStatus.OK;
                s.lastSuccessAt = now;
                s.lastError = null;
                s.consecutiveFailures = 0;
                s.nextPollAt = now.plus(interval);
            }
            case GONE -> {
                s.status = SourceStatus.DISABLED;
                s.disabledReason = a.error + "; edit its entry in feeds.yaml to try again";
                s.lastError = clip(a.error);
                s.consecutiveFailures++;
                s.nextPollAt = now.plus(interval);
            }
            default -> {
                s.status = SourceStatus.FAILING;
                s.lastError = clip(a.error);
                s.consecutiveFailures++;
                Duration wait = Backoff.after(s.consecutiveFailures, interval, config.poll().maxBackoff());
                if (a.retryAfter != null) {
                    wait = a.retryAfter.compareTo(config.poll().maxBackoff()) > 0 ? config.poll().maxBackoff() : a.retryAfter;
                }
                s.nextPollAt = now.plus(wait);
            }
        }
        claims.releaseInTransaction(s);

        PollRecord record = new PollRecord();
        record.sourceId = s.id;
        record.startedAt = started;
        record.durationMs = outcome.tookMs();
        record.result = a.result;
        record.httpStatus = a.httpStatus;
        record.bytes = a.bytes;
        record.entriesFound = a.found;
        record.entriesNew = a.added;
        record.entriesUpdated = a.updated;
        record.instance = instance.value();
        record.error = clip(a.error);
        record.persist();
    }

    private static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000) + "…";
    }
}
