package dev.hallway.poll;

import dev.hallway.common.ColumnText;
import dev.hallway.config.HallwayConfig;
import dev.hallway.config.InstanceId;
import dev.hallway.fetch.Discovery;
import dev.hallway.parse.PublisherHints;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes down what a poll found out: the source's new state (validators, status, next poll, its lease given back)
 * and a poll record.
 * <p>
 * Polls end in bursts — a cycle over hundreds of feeds, most of them answering 304 — and for a 304 this write is
 * nearly all the work. So writes are group-committed: a poll whose write finds another being written waits for it,
 * and the next writer takes every write queued meanwhile into one transaction. Each poll still returns only once its
 * own write is committed. When a shared transaction fails, its writes are retried one by one, so one bad write
 * costs no other poll its record. The writes of unchanged feeds go in JDBC batches ({@link UnchangedPolls}).
 */
@ApplicationScoped
class PollBookkeeping {

    /** Most writes in one transaction. */
    private static final int MAX_GROUP = 64;
    /** Sizes of the source columns that take what a server or a feed sent (V1__sources_and_polls.sql). */
    static final int URL_COLUMN = 2048, TITLE_COLUMN = 1024, ETAG_COLUMN = 1024, LAST_MODIFIED_COLUMN = 256, NOTE_COLUMN = 512;

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    PollClaims claims;
    @Inject
    InstanceId instance;
    @Inject
    UnchangedPolls unchanged;

    record Write(PollTarget target, PollAttempt attempt, PollOutcome outcome, Instant started,
                         CompletableFuture<Void> done) {
    }

    private final Queue<Write> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writer = new ReentrantLock();

    /** Records one poll; returns once it is committed, or throws what the write threw. */
    void record(PollTarget target, PollAttempt attempt, PollOutcome outcome, Instant started) {
        Write write = new Write(target, attempt, outcome, started, new CompletableFuture<>());
        queue.add(write);
        writer.lock();
        try {
            if (!write.done().isDone()) { // nobody took it along: write it, and whatever queued behind it
                flush();
            }
        } finally {
            writer.unlock();
        }
        try {
            write.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Under the writer lock. */
    private void flush() {
        List<Write> group = new ArrayList<>();
        for (Write w; group.size() < MAX_GROUP && (w = queue.poll()) != null; ) {
            group.add(w);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> write(group));
            group.forEach(w -> w.done().complete(null));
        } catch (RuntimeException groupFailed) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailed);
                return;
            }
            Log.debugf(groupFailed, "poll bookkeeping of %d polls failed together; writing them one by one", group.size());
            for (Write w : group) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> write(List.of(w)));
                    w.done().complete(null);
                } catch (RuntimeException e) {
                    w.done().completeExceptionally(e);
                }
            }
        }
    }

    private void write(List<Write> group) {
        List<Write> rest = group;
        List<Write> unchangedFeeds = group.stream().filter(w -> UnchangedPolls.applies(w.attempt())).toList();
        if (!unchangedFeeds.isEmpty()) {
            rest = new ArrayList<>(unchanged.write(Source.getEntityManager(), unchangedFeeds));
            group.stream().filter(w -> !UnchangedPolls.applies(w.attempt())).forEach(rest::add);
        }
        if (rest.isEmpty()) {
            return;
        }
        Map<Long, Source> sources = new HashMap<>();
        Source.<Source>list("id in ?1", rest.stream().map(w -> w.target().id()).toList()).forEach(s -> sources.put(s.id, s));
        for (Write w : rest) {
            Source s = sources.get(w.target().id());
            if (s == null) {
                throw new IllegalStateException("source " + w.target().id() + " is gone");
            }
            apply(s, w.attempt(), w.started());
            persistRecord(s, w.attempt(), w.outcome(), w.started());
        }
    }

    private void apply(Source s, PollAttempt a, Instant started) {
        Instant now = clock.instant();
        s.lastPolledAt = started;
        s.lastHttpStatus = a.httpStatus;
        if (a.discovery != null) {
            discovered(s, a.discovery);
        }
        if (a.response != null && (a.response.success() || a.response.notModified())) {
            // validators can change with a 304 too; keep whatever the server sent last
            if (a.response.etag() != null) {
                s.etag = ColumnText.orNullIfLonger(a.response.etag(), ETAG_COLUMN);
            }
            if (a.response.lastModified() != null) {
                s.lastModified = ColumnText.orNullIfLonger(a.response.lastModified(), LAST_MODIFIED_COLUMN);
            }
        }
        if (a.response != null && a.response.movedPermanently() && a.result != PollResult.FAILED
                && a.response.finalUrl().length() <= URL_COLUMN) {
            Log.infof("source %d moved permanently: %s -> %s", s.id, s.url, a.response.finalUrl());
            s.url = a.response.finalUrl();
        }
        Duration interval = Duration.ofSeconds(s.pollIntervalSeconds());
        switch (a.result) {
            case OK, NOT_MODIFIED, UNCHANGED -> {
                if (a.result == PollResult.OK) {
                    s.bodyHash = a.bodyHash;
                    if (a.feed.title() != null) {
                        s.title = ColumnText.cut(a.feed.title(), TITLE_COLUMN);
                    }
                    s.siteUrl = ColumnText.orNullIfLonger(a.feed.siteUrl(), URL_COLUMN);
                    s.feedTtl = a.feed.hints().ttl();
                    s.feedUpdatePeriod = a.feed.hints().updatePeriod();
                    s.feedUpdateFrequency = a.feed.hints().updateFrequency();
                    if (a.summaryOnly != null) {
                        s.fullTextDetected = a.summaryOnly.summaryOnly();
                        s.fullTextNote = ColumnText.cut(a.summaryOnly.note(), NOTE_COLUMN);
                    }
                }
                IntervalHints.Chosen hint = hint(s, a);
                s.intervalHintFrom = hint.from();
                s.intervalHintSeconds = hint.seconds();
                s.intervalHintNote = hint.note();
                s.status = SourceStatus.OK;
                s.lastSuccessAt = now;
                s.lastError = null;
                s.consecutiveFailures = 0;
                s.nextPollAt = now.plus(hint.effective(s.pollIntervalSeconds()));
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
                // the publisher's last hint still holds: back off from it, and never ask sooner than it said
                Duration polite = Duration.ofSeconds(s.effectiveIntervalSeconds());
                Duration wait = Backoff.after(s.consecutiveFailures, polite, config.poll().maxBackoff());
                if (a.retryAfter != null) {
                    wait = a.retryAfter.compareTo(config.poll().maxBackoff()) > 0 ? config.poll().maxBackoff() : a.retryAfter;
                    wait = wait.compareTo(polite) < 0 ? polite : wait;
                }
                s.nextPollAt = now.plus(wait);
            }
        }
        claims.releaseInTransaction(s);
    }

    /** The publisher's hint after a successful poll: this answer's Cache-Control and the feed's own (last body's) hints. */
    private IntervalHints.Chosen hint(Source s, PollAttempt a) {
        return IntervalHints.choose(a.response == null ? null : a.response.cacheControl(),
                new PublisherHints(s.feedTtl, s.feedUpdatePeriod, s.feedUpdateFrequency),
                config.poll().maxHint());
    }

    /** Feed autodiscovery: later polls go straight to the feed found, and look for it again on its page if it goes. */
    private static void discovered(Source s, Discovery d) {
        if (!d.feedUrl().equals(s.url) && d.feedUrl().length() <= URL_COLUMN) {
            Log.infof("source %d: feed found on %s: %s", s.id, d.pageUrl(), d.feedUrl());
            s.url = d.feedUrl();
            s.etag = null; // the validators were the page's or the old feed's
            s.lastModified = null;
        }
        s.pageUrl = ColumnText.orNullIfLonger(d.pageUrl(), URL_COLUMN);
        s.discovery = ColumnText.cut(d.note(), URL_COLUMN);
    }

    private void persistRecord(Source s, PollAttempt a, PollOutcome outcome, Instant started) {
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

    static String clip(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000) + "…";
    }
}
