package dev.hallway.websub;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.RedirectGuard;
import dev.hallway.poll.FeedPolled;
import dev.hallway.source.Source;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriber side of WebSub: a poll that finds its feed advertising a hub subscribes to it; leases are renewed
 * before they run out; a hub that refuses, stops answering or never verifies leaves the feed polled as before (and is
 * tried again an hour later, at a poll that still finds it advertised). The callback's answers are in
 * {@link CallbackResource}.
 */
@ApplicationScoped
public class HubSubscriptions {

    /** How long a hub may take to verify our request before we count it as not answering. */
    static final Duration VERIFY_WAIT = Duration.ofMinutes(5);
    /** After a failure, when a hub still advertised is tried again. */
    static final Duration RETRY_AFTER = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    WebSubHttp http;
    @Inject
    RedirectGuard guard;
    @Inject
    PushedFeeds feeds;

    /** A subscription request to send, read in the transaction that recorded it. */
    record Request(long id, long sourceId, String hub, String topic, String secret, String origin) {
    }

    void polled(@ObservesAsync FeedPolled feed) {
        if (!config.websub().enabled()) {
            return;
        }
        try {
            Request request = QuarkusTransaction.requiringNew().call(() -> decide(feed));
            if (request != null) {
                send(request);
            }
        } catch (RuntimeException e) {
            Log.warnf(e, "WebSub: could not act on the hub of source %d", feed.sourceId());
        }
    }

    /** The hub and topic a polled feed advertises: Link headers first (they name the topic a hub knows), then its XML. */
    private Request decide(FeedPolled feed) {
        List<String> hubs = new ArrayList<>(LinkHeaders.withRel(feed.linkHeaders(), "hub", feed.feedUrl()));
        feed.hubs().stream().filter(h -> !hubs.contains(h)).forEach(hubs::add);
        List<String> selfLinks = LinkHeaders.withRel(feed.linkHeaders(), "self", feed.feedUrl());
        String topic = !selfLinks.isEmpty() ? selfLinks.get(0) : feed.self() != null ? feed.self() : feed.feedUrl();
        WebSubSubscription row = WebSubSubscription.find("sourceId", feed.sourceId()).firstResult();
        Instant now = clock.instant();
        if (hubs.isEmpty()) {
            if (row != null && (row.state.equals(WebSubSubscription.ACTIVE) || row.state.equals(WebSubSubscription.REQUESTED))) {
                row.state = WebSubSubscription.UNSUBSCRIBED;
                row.pendingMode = null;
                feeds.polling(row.sourceId, "the feed no longer advertises a hub");
            }
            return null;
        }
        String hub = hubs.get(0);
        if (hub.length() > 2048 || topic.length() > 2048) {
            return null;
        }
        boolean same = row != null && row.hub.equals(hub) && row.topic.equals(topic);
        if (same && (row.state.equals(WebSubSubscription.ACTIVE) || row.state.equals(WebSubSubscription.REQUESTED))) {
            return null;
        }
        if (same && row.renewAt != null && row.renewAt.isAfter(now)) {
            return null; // failed, denied or dropped a while ago: not again yet
        }
        if (row == null) {
            row = new WebSubSubscription();
            row.sourceId = feed.sourceId();
            row.createdAt = now;
        }
        row.hub = hub;
        row.topic = topic;
        row.secret = HexFormat.of().formatHex(randomBytes());
        row.state = WebSubSubscription.REQUESTED;
        row.pendingMode = WebSubSubscription.SUBSCRIBE;
        row.requestedAt = now;
        row.renewAt = null;
        row.leaseUntil = null;
        row.persist();
        WebSubSubscription.flush();
        return new Request(row.id, row.sourceId, hub, topic, row.secret, feed.feedUrl());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Sends a subscription request (or a renewal); a hub that refuses or does not answer leaves the feed polled. */
    void send(Request r) {
        URI hub = URI.create(r.hub());
        String internal = guard.internalAddress(URI.create(r.origin()), hub);
        if (internal != null) {
            fail(r.id(), "hub " + r.hub() + " is on an internal address (" + internal + "), refused for a feed that is not");
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("hub.mode", WebSubSubscription.SUBSCRIBE);
        form.put("hub.topic", r.topic());
        form.put("hub.callback", callback(r.id()));
        form.put("hub.lease_seconds", Long.toString(config.websub().leaseSeconds()));
        form.put("hub.secret", r.secret());
        try {
            WebSubHttp.Answer answer = http.postForm(hub, form);
            if (!answer.success()) {
                fail(r.id(), "hub " + r.hub() + " refused the subscription: " + answer.describe());
                return;
            }
            Log.infof("WebSub: asked %s to push %s to source %d (%s); awaiting its verification", r.hub(), r.topic(),
                    r.sourceId(), answer.describe());
        } catch (IOException e) {
            fail(r.id(), "hub " + r.hub() + " does not answer: " + e.getMessage());
        }
    }

    String callback(long id) {
        return BaseUrl.of(config) + CallbackResource.PATH + "/" + id;
    }

    /** The hub is of no use (for now): the feed goes back to its own interval, and the hub is tried again later. */
    void fail(long id, String error) {
        Log.warnf("WebSub: subscription %d: %s; polling instead", id, error);
        QuarkusTransaction.requiringNew().run(() -> {
            WebSubSubscription row = WebSubSubscription.findById(id);
            if (row == null) {
                return;
            }
            row.state = WebSubSubscription.FAILED;
            row.pendingMode = null;
            row.lastError = error.length() <= 2048 ? error : error.substring(0, 2047) + "…";
            row.renewAt = clock.instant().plus(RETRY_AFTER);
            feeds.polling(row.sourceId, row.lastError);
        });
    }

    /**
     * Renews leases due (at 90 % of their length, or already run out: the hub may still take a renewal), then counts
     * as failed a request a hub did not verify in time and a lease that ran out with no renewal under way. Each
     * instance runs it; a renewal is claimed with one conditional UPDATE, so only one sends it.
     */
    @Scheduled(every = "30s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void renewDue() {
        if (!config.websub().enabled()) { // switched off: no feed keeps a safety interval from before
            QuarkusTransaction.requiringNew().run(() -> Source.<Source>list("pushPollIntervalSeconds is not null")
                    .forEach(s -> feeds.polling(s.id, "off (hallway.websub.enabled=false)")));
            return;
        }
        Instant now = clock.instant();
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> WebSubSubscription.<WebSubSubscription>list(
                "state = ?1 and pendingMode is null and renewAt <= ?2", WebSubSubscription.ACTIVE, now).stream().map(s -> s.id).toList());
        for (long id : due) {
            Request renewal = QuarkusTransaction.requiringNew().call(() -> {
                int claimed = WebSubSubscription.update("pendingMode = ?1, requestedAt = ?2 where id = ?3 and state = ?4 "
                        + "and pendingMode is null and renewAt <= ?2", WebSubSubscription.SUBSCRIBE, now, id, WebSubSubscription.ACTIVE);
                if (claimed != 1) {
                    return null;
                }
                WebSubSubscription row = WebSubSubscription.findById(id);
                Source source = Source.findById(row.sourceId);
                return new Request(row.id, row.sourceId, row.hub, row.topic, row.secret, source == null ? row.topic : source.url);
            });
            if (renewal != null) {
                send(renewal);
            }
        }
        Instant waited = clock.instant().minus(VERIFY_WAIT);
        List<Object[]> stale = QuarkusTransaction.requiringNew().call(() -> WebSubSubscription.<WebSubSubscription>list(
                        "(pendingMode is not null and requestedAt < ?1) or (state = ?2 and pendingMode is null and leaseUntil < ?3)",
                        waited, WebSubSubscription.ACTIVE, clock.instant())
                .stream().map(s -> new Object[]{s.id, s.pendingMode != null
                        ? "hub " + s.hub + " did not verify our request within " + VERIFY_WAIT.toMinutes() + " minutes"
                        : "the lease from " + s.hub + " ran out without renewal"}).toList());
        for (Object[] s : stale) {
            fail((Long) s[0], (String) s[1]);
        }
        // a feed whose subscription is no longer active must not keep the safety interval (a poll's bookkeeping that
        // read the row before a fallback may have written it back)
        QuarkusTransaction.requiringNew().run(() -> {
            List<Long> lost = Source.<Source>list("pushPollIntervalSeconds is not null").stream().map(s -> s.id)
                    .filter(id -> WebSubSubscription.count("sourceId = ?1 and state = ?2", id, WebSubSubscription.ACTIVE) == 0).toList();
            lost.forEach(id -> feeds.polling(id, "no active subscription"));
        });
    }
}
