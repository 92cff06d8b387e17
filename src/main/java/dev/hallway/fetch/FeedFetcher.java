package dev.hallway.fetch;

import dev.hallway.common.Causes;
import dev.hallway.config.HallwayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Our own HTTP client for feeds: conditional GET, gzip/deflate, redirects followed by hand (to know whether
 * every hop was permanent), a deadline on the whole request and a cap on the body.
 */
@ApplicationScoped
public class FeedFetcher {

    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";
    private static final String ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";
    private static final String FEED_CAP_KEY = "hallway.fetch.max-body-size";

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    RedirectGuard redirectGuard;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    /** The deadlines of bodies being read: one daemon thread for all fetches. */
    private static final ScheduledExecutorService TIMERS = timers();

    private HttpClient client;
    private String userAgent;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder()
                .executor(clientThreads())
                .connectTimeout(config.fetch().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        userAgent = "Hallway/" + version + " (+" + config.baseUrl() + "; feed aggregator)";
    }

    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("hallway-fetch-deadline"));
        timers.setRemoveOnCancelPolicy(true); // a fetch that finishes in time leaves no task behind
        return timers;
    }

    /**
     * What the client runs off the calling thread (chiefly the hand-off of data its selector thread read): a bounded
     * pool whose threads stay between the fetches of a cycle, instead of the client's default unbounded cached pool.
     */
    private static ExecutorService clientThreads() {
        int n = Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("hallway-http"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * A body handler's subscriber for another client of ours (WebSub's): at most {@code cap} bytes, failed with an
     * {@link HttpTimeoutException} when not complete by {@code deadlineNanos} ({@link System#nanoTime()}), since the
     * JDK client's request timeout stops at the headers.
     */
    public static HttpResponse.BodySubscriber<byte[]> cappedBody(long cap, String capKey, long deadlineNanos) {
        return new CappedBodySubscriber(cap, capKey, true, deadlineNanos, TIMERS);
    }

    public String userAgent() {
        return userAgent;
    }

    public FetchResponse fetch(FetchRequest request) throws FetchException {
        return fetch(request, null, ACCEPT, config.fetch().maxBodySize().asLongValue(), FEED_CAP_KEY);
    }

    /**
     * A web page a feed links to (a post, for its full text): the same client, timeouts, redirect limit and User-Agent
     * as feeds, with the page's own size cap. The page's URL comes from the feed, so it is checked like a redirect
     * target: a public feed may not send us to an internal address ({@link RedirectGuard}), nor may its redirects.
     *
     * @param feedUrl the feed that links to the page: whether internal addresses are allowed is judged by it
     * @param capKey  the setting that {@code cap} comes from, named in the error when a page is larger
     */
    public FetchResponse fetchPage(String feedUrl, FetchRequest page, long cap, String capKey) throws FetchException {
        return fetch(page, parse(feedUrl), ACCEPT_PAGE, cap, capKey);
    }

    /** @param linkedFrom the feed a page's URL came from (checked like a redirect from it), or null for a feed */
    private FetchResponse fetch(FetchRequest request, URI linkedFrom, String accept, long cap, String capKey)
            throws FetchException {
        long deadline = System.nanoTime() + config.fetch().requestTimeout().toNanos();
        URI feed = parse(request.url());
        URI origin = feed; // what decides whether redirects may go to internal addresses
        if (linkedFrom != null) {
            String scheme = feed.getScheme() == null ? "" : feed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new FetchException("not an http(s) URL: " + request.url());
            }
            redirectGuard.checkLink(linkedFrom, feed);
            origin = linkedFrom;
        }
        URI current = feed;
        boolean allPermanent = true;
        int redirects = 0;
        while (true) {
            HttpResponse<byte[]> response = send(buildRequest(current, request, accept, deadline), cap, capKey, deadline);
            int status = response.statusCode();
            if (!isRedirect(status)) {
                return toResponse(current, response, redirects > 0 && allPermanent, cap, capKey);
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null || location.isBlank()) {
                throw new FetchException("HTTP " + status + " redirect without a Location header from " + current);
            }
            if (++redirects > config.fetch().maxRedirects()) {
                throw new FetchException("more than " + config.fetch().maxRedirects() + " redirects (last one to " + location + ")");
            }
            allPermanent &= status == 301 || status == 308;
            current = redirectTarget(current, location);
            redirectGuard.check(origin, current);
        }
    }

    private HttpRequest buildRequest(URI uri, FetchRequest request, String accept, long deadline) throws FetchException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining(deadline))
                .header("User-Agent", userAgent)
                .header("Accept", accept)
                .header("Accept-Encoding", "gzip, deflate");
        if (request.etag() != null) {
            builder.header("If-None-Match", request.etag());
        }
        if (request.lastModified() != null) {
            builder.header("If-Modified-Since", request.lastModified());
        }
        return builder.build();
    }

    /**
     * One request on the calling (poll) thread. {@code HttpClient.send} runs the exchange on the caller, the client's
     * selector thread and our small pool; {@code sendAsync} would hand every response over to the common pool, which
     * on a machine of 2 CPUs starts a new thread for each. The deadline holds in two parts: the request's timeout
     * until the headers are in (the JDK client's own timer), then the body's timer ({@link CappedBodySubscriber}).
     */
    private HttpResponse<byte[]> send(HttpRequest request, long cap, String capKey, long deadline) throws FetchException {
        try {
            return client.send(request, info -> {
                int status = info.statusCode();
                boolean keep = !(isRedirect(status) || status == 304 || status >= 400);
                return new CappedBodySubscriber(cap, capKey, keep, deadline, TIMERS);
            });
        } catch (InterruptedException e) { // send() has cancelled the exchange
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted (shutting down)");
        } catch (IOException | RuntimeException e) {
            throw describe(e, request.uri());
        }
    }

    private FetchResponse toResponse(URI uri, HttpResponse<byte[]> response, boolean moved, long cap, String capKey)
            throws FetchException {
        byte[] wire = response.body();
        byte[] body;
        try {
            body = ContentDecoder.decode(wire, response.headers().firstValue("Content-Encoding").orElse(null), cap, capKey);
        } catch (BodyTooLargeException e) {
            throw new FetchException(e.getMessage(), e);
        } catch (IOException e) {
            throw new FetchException("cannot decompress the body: " + e.getMessage(), e);
        }
        return new FetchResponse(response.statusCode(), uri.toString(), moved, body, wire.length,
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null),
                RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock.instant()),
                List.copyOf(response.headers().allValues("Link")),
                cacheControl(response.headers().allValues("Cache-Control")));
    }

    private Duration remaining(long deadline) throws FetchException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw timedOut();
        }
        return Duration.ofNanos(nanos);
    }

    private FetchException timedOut() {
        return new FetchException("timed out after " + seconds(config.fetch().requestTimeout())
                + " (hallway.fetch.request-timeout)");
    }

    /** Turns the HTTP client's exceptions into one line an operator understands. */
    private FetchException describe(Throwable cause, URI uri) {
        // send() wraps what failed the exchange (the body subscriber's cap or deadline) in exceptions of its own
        BodyTooLargeException tooLarge = Causes.find(cause, BodyTooLargeException.class);
        if (tooLarge != null) {
            return new FetchException(tooLarge.getMessage(), cause);
        }
        if (Causes.find(cause, HttpConnectTimeoutException.class) != null) {
            return new FetchException("could not connect to " + uri.getHost() + " within "
                    + seconds(config.fetch().connectTimeout()) + " (hallway.fetch.connect-timeout)", cause);
        }
        if (Causes.find(cause, HttpTimeoutException.class) != null) {
            return timedOut();
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
            return new FetchException("unknown host " + uri.getHost() + " (DNS lookup failed)", cause);
        }
        if (cause instanceof ConnectException) {
            return new FetchException("connection to " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + " failed: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()), cause);
        }
        if (cause instanceof SSLException || root instanceof SSLException) {
            return new FetchException("TLS error with " + uri.getHost() + ": " + root.getMessage(), cause);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new FetchException("network error: " + message, cause);
    }

    private static URI parse(String url) throws FetchException {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FetchException("invalid URL " + url + ": " + e.getMessage());
        }
    }

    private static URI redirectTarget(URI from, String location) throws FetchException {
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new FetchException("redirect to an invalid URL: " + location);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException("redirect to a non-HTTP URL refused: " + location);
        }
        return next;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Every Cache-Control header as one list (a server may send several), cut to a sane length; null without one. */
    static String cacheControl(java.util.List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        String joined = String.join(", ", values);
        return joined.length() <= 1024 ? joined : joined.substring(0, 1024);
    }
}
