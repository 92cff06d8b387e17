package dev.hallway.publish;

import dev.hallway.config.HallwayConfig;
import dev.hallway.entry.EntryChanges;
import io.netty.buffer.Unpooled;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers GET and HEAD of the feeds and of the pages readers poll on the event loop, from the render caches: a
 * cached response is bytes already, so it is written without a hop to a worker thread and without building anything
 * but the response. A miss renders on a worker (once per page and version, the other requests waiting for it) and
 * is answered here too. Whatever this does not handle itself goes on to the REST resources, which answer as they
 * always have: If-Match, If-Unmodified-Since, a list or a weak ETag, both If-None-Match and If-Modified-Since, a page
 * that is not a plain number, an Accept header that needs negotiating, and every error (a render that fails is left
 * to the resource to fail again, with its usual answer). The answers are the resources': same headers, ETags,
 * gzip negotiation and content types (CachedRoutesTest compares them). The body goes by sendfile from the page's
 * file when the connection allows it ({@link #takesFile}), else it is read back from the file on a worker.
 */
@ApplicationScoped
public class CachedRoutes {

    private static final CharSequence HTML = HttpHeaders.createOptimized(PageCache.HTML);
    private static final CharSequence JSON = HttpHeaders.createOptimized(PageCache.JSON);
    private static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
    private static final CharSequence VARY = HttpHeaders.createOptimized("Vary");
    private static final CharSequence ACCEPT_ENCODING = HttpHeaders.createOptimized("Accept-Encoding");
    private static final CharSequence ACCEPT = HttpHeaders.createOptimized("Accept");
    private static final CharSequence LINK = HttpHeaders.createOptimized("Link");
    private static final CharSequence IF_UNMODIFIED_SINCE = HttpHeaders.createOptimized("If-Unmodified-Since");

    @Inject
    FeedCache feeds;
    @Inject
    PageCache pages;
    @Inject
    EntryChanges changes;
    @Inject
    HallwayConfig config;

    private CharSequence cacheControl;
    private final LongAdder answeredOnEventLoop = new LongAdder();
    private final LongAdder handedToWorker = new LongAdder();
    private final LongAdder sentByFile = new LongAdder();
    private final LongAdder sentByFileBytes = new LongAdder();
    private final LongAdder readBack = new LongAdder();
    private final LongAdder sentFromMemory = new LongAdder();

    @PostConstruct
    void init() {
        cacheControl = HttpHeaders.createOptimized(HttpHeaderValues.feedCacheControlHeader(config.feed().maxAge().toSeconds()));
    }

    void routes(@Observes Router router) {
        // registered before the REST resources' route (order 20,500), so these answer first
        for (FeedFormat format : FeedFormat.values()) {
            String allFirstPage = FeedCache.key(format, FeedScope.all().key(), 1);
            String reportsFirstPage = FeedCache.key(format, FeedScope.reports().key(), 1);
            get(router, FeedScope.all().path(format), ctx -> feed(ctx, format, FeedScope::all, allFirstPage, null));
            get(router, FeedScope.reports().path(format), ctx -> feed(ctx, format, FeedScope::reports, reportsFirstPage, null));
            get(router, "/conferences/:slug/feed" + format.extension, ctx -> feed(ctx, format, null, null, ctx.pathParam("slug")));
        }
        get(router, "/", this::home);
        get(router, "/conferences", this::conferences);
        get(router, "/conferences/:slug", this::conference);
    }

    private static void get(Router router, String path, Handler<RoutingContext> handler) {
        router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handler);
    }

    /** Responses written by these routes on an event loop thread (cached or just rendered): for tests. */
    public long answeredOnEventLoop() {
        return answeredOnEventLoop.sum();
    }

    /** Answers whose body went by sendfile from the page's file (tests; the metrics read {@link #answerCounts}). */
    public long sentByFile() {
        return sentByFile.sum();
    }

    /**
     * The counts of answers by how their body went, as plain objects: a metric reads them at scrape time, and must not
     * go through this bean's proxy (which outlives the application it belongs to, across a test's restarts).
     */
    AnswerCounts answerCounts() {
        return new AnswerCounts(sentByFile, sentByFileBytes, readBack, sentFromMemory);
    }

    record AnswerCounts(LongAdder sentByFile, LongAdder sentByFileBytes, LongAdder readBack, LongAdder sentFromMemory) {
    }

    /** Answers whose body was read back from the page's file on a worker (HTTP/2, TLS, deflate or br alone): tests. */
    public long readBack() {
        return readBack.sum();
    }

    /** Requests these routes handed to a worker (a miss, or a version not known without the database): for tests. */
    public long handedToWorker() {
        return handedToWorker.sum();
    }

    // ---- feeds -------------------------------------------------------------------------------------------------

    /** A feed in a format: {@code scope} and the key of its first page, or a conference's {@code slug}. */
    private void feed(RoutingContext ctx, FeedFormat format, Supplier<FeedScope> scope, String firstPageKey, String slug) {
        MultiMap headers = ctx.request().headers();
        String ifNoneMatch = headers.get(HttpHeaders.IF_NONE_MATCH);
        String ifModifiedSince = headers.get(HttpHeaders.IF_MODIFIED_SINCE);
        int page = page(ctx.request());
        if (page < 1 || headers.contains(HttpHeaders.IF_MATCH) || headers.contains(IF_UNMODIFIED_SINCE)
                || (ifNoneMatch != null && (ifModifiedSince != null || !singleStrongTag(ifNoneMatch)))) {
            ctx.next();
            return;
        }
        String key = slug != null ? FeedCache.key(format, FeedScope.conferenceKey(slug), page)
                : page == 1 ? firstPageKey : FeedCache.key(format, scope.get().key(), page);
        String version = changes.versionIfFresh(worker());
        Rendered cached = version == null ? null : feeds.cached(key, version);
        if (cached != null) {
            answerFeed(ctx, format, cached, ifNoneMatch, ifModifiedSince);
            return;
        }
        onWorker(ctx, () -> feeds.render(slug == null ? scope.get() : feeds.conference(slug), format, page),
                fresh -> answerFeed(ctx, format, fresh, ifNoneMatch, ifModifiedSince));
    }

    private void answerFeed(RoutingContext ctx, FeedFormat format, Rendered feed, String ifNoneMatch, String ifModifiedSince) {
        // the gzip form was compressed once when the page was rendered; it has an ETag of its own
        boolean gzip = HttpHeaderValues.acceptsGzip(ctx.request().headers().get(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? feed.gzipEtag() : feed.etag();
        boolean notModified;
        if (ifNoneMatch != null) {
            notModified = ifNoneMatch.equals(etag);
        } else if (ifModifiedSince == null) {
            notModified = false;
        } else if (ifModifiedSince.equals(feed.lastModifiedHeader)) {
            notModified = true;
        } else {
            Instant since = HttpHeaderValues.parseDate(ifModifiedSince);
            if (since == null) {
                ctx.next();
                return;
            }
            notModified = !feed.lastModified().isAfter(since);
        }
        RenderedBody body = notModified ? null : held(ctx, feed, gzip);
        if (body == NOT_HELD) {
            ctx.next(); // the page left the cache since it was found: the resource renders it again
            return;
        }
        countEventLoop();
        HttpServerResponse response = ctx.response();
        leaveCompressionToTheServer(response);
        response.headers().add(HttpHeaders.CACHE_CONTROL, cacheControl).add(HttpHeaders.ETAG, etag)
                .add(HttpHeaders.LAST_MODIFIED, feed.lastModifiedHeader).add(VARY, ACCEPT_ENCODING);
        if (feed.linkHeader != null) {
            response.headers().add(LINK, feed.linkHeader);
        }
        if (notModified) {
            response.setStatusCode(304).end();
            return;
        }
        response.headers().add(HttpHeaders.CONTENT_TYPE, format.contentTypeHeader);
        send(ctx, body, gzip);
    }

    /** ?page=N as a plain number, 1 without one; 0 for anything else (the resource says why it is wrong). */
    private static int page(HttpServerRequest request) {
        String query = request.query();
        if (query == null || query.isEmpty()) {
            return 1;
        }
        String page = request.getParam("page");
        if (page == null) {
            return 1;
        }
        if (page.isEmpty() || page.length() > 9) {
            return 0;
        }
        for (int i = 0; i < page.length(); i++) {
            if (page.charAt(i) < '0' || page.charAt(i) > '9') {
                return 0;
            }
        }
        return Integer.parseInt(page);
    }

    private static boolean singleStrongTag(String value) {
        return value.length() >= 2 && value.charAt(0) == '"' && value.indexOf('"', 1) == value.length() - 1;
    }

    // ---- pages -------------------------------------------------------------------------------------------------

    private void home(RoutingContext ctx) {
        Wants wants = wants(ctx);
        if (wants != Wants.HTML_OR_ANY && wants != Wants.HTML) {
            ctx.next();
            return;
        }
        page(ctx, PageCache.HOME, () -> pages.home());
    }

    private void conferences(RoutingContext ctx) {
        Wants wants = wants(ctx);
        if (wants == Wants.OTHER) {
            ctx.next();
            return;
        }
        // as the resources negotiate it: no Accept or */* is JSON (the API came first); a browser's Accept the index
        if (wants == Wants.HTML) {
            String key = pages.conferencesPageKey();
            page(ctx, key, () -> pages.conferencesPage(key));
        } else {
            page(ctx, PageCache.CONFERENCES, () -> pages.conferences());
        }
    }

    private void conference(RoutingContext ctx) {
        String slug = ctx.pathParam("slug");
        Wants wants = wants(ctx);
        if (wants == Wants.OTHER || "feed.atom".equals(slug) || "feed.json".equals(slug)) {
            ctx.next();
            return;
        }
        // as the resources negotiate it: no Accept or */* is JSON; a browser's Accept (text/html first) the page
        if (wants == Wants.HTML) {
            page(ctx, PageCache.conferencePageKey(slug), () -> pages.conferencePage(slug));
        } else {
            page(ctx, PageCache.conferenceJsonKey(slug), () -> pages.conferenceJson(slug));
        }
    }

    private enum Wants { HTML, JSON, HTML_OR_ANY, OTHER }

    /**
     * The Accept headers answered here without negotiating: none or * / * (any), exactly application/json, or a
     * browser's, which starts with text/html and does not name JSON. Anything else goes to the resources.
     */
    private static Wants wants(RoutingContext ctx) {
        String accept = ctx.request().headers().get(ACCEPT);
        if (accept == null || accept.equals("*/*")) {
            return Wants.HTML_OR_ANY;
        }
        if (accept.equals("application/json")) {
            return Wants.JSON;
        }
        if (accept.startsWith("text/html") && (accept.length() == 9 || accept.charAt(9) == ',') && !accept.contains("json")) {
            return Wants.HTML;
        }
        return Wants.OTHER;
    }

    private void page(RoutingContext ctx, String key, Supplier<Rendered> render) {
        String version = changes.versionIfFresh(worker());
        Rendered cached = version == null ? null : pages.cached(key, version);
        if (cached != null) {
            answerPage(ctx, cached);
            return;
        }
        onWorker(ctx, render, fresh -> answerPage(ctx, fresh));
    }

    private void answerPage(RoutingContext ctx, Rendered page) {
        // the gzip form was compressed once when the page was rendered, as a feed's is; a cache must not hand it to a
        // client that did not ask for it (the plain form goes to anyone, and is sent as the resources send it)
        boolean gzip = HttpHeaderValues.acceptsGzip(ctx.request().headers().get(HttpHeaders.ACCEPT_ENCODING));
        RenderedBody body = held(ctx, page, gzip);
        if (body == NOT_HELD) {
            ctx.next(); // the page left the cache since it was found: the resource renders it
            return;
        }
        countEventLoop();
        HttpServerResponse response = ctx.response();
        leaveCompressionToTheServer(response);
        boolean html = page.contentType().equals(PageCache.HTML);
        response.headers().add(HttpHeaders.CONTENT_TYPE, html ? HTML : JSON);
        if (html) {
            response.headers().add(VARY, ACCEPT); // as the resources send it: they negotiate HTML against JSON
        }
        if (gzip) {
            response.headers().add(VARY, ACCEPT_ENCODING);
        }
        send(ctx, body, gzip);
    }

    // ---- both --------------------------------------------------------------------------------------------------

    /** {@link #held}'s answer when the page's file was let go (evicted or replaced) since the page was found. */
    private static final RenderedBody NOT_HELD = RenderedBody.of(new byte[0], null);

    /**
     * The form to send, held for this answer ({@link RenderedBody#retain}), before any header is written; null for a
     * HEAD (no body); {@link #NOT_HELD} when its file is gone already.
     */
    private static RenderedBody held(RoutingContext ctx, Rendered rendered, boolean gzip) {
        if (ctx.request().method() == HttpMethod.HEAD) {
            return null;
        }
        RenderedBody body = rendered.form(gzip);
        return body.retain() ? body : NOT_HELD;
    }

    /**
     * The body {@link #held} for this answer, gzipped or not: its file by sendfile when the connection can take one,
     * else its bytes, read back from the file on a worker thread (or from memory, when the render could not write a
     * file); null (HEAD): the headers only.
     */
    private void send(RoutingContext ctx, RenderedBody body, boolean gzip) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (gzip) {
            response.headers().add(HttpHeaders.CONTENT_ENCODING, GZIP);
        }
        if (body == null) {
            response.end();
            return;
        }
        response.headers().add(HttpHeaders.CONTENT_LENGTH, body.lengthHeader);
        if (body.file == null) {
            sentFromMemory.increment();
            response.end(body.buffer);
            return;
        }
        if (takesFile(request, gzip)) {
            ConnectionBase connection = (ConnectionBase) request.connection();
            response.writeHead();
            // the region lets go of the answer's hold once written; Vert.x's channel handler counts its bytes in
            // http.server.bytes.written as it counts a buffer's
            connection.writeToChannel(body.file.region());
            response.end();
            sentByFile.increment();
            sentByFileBytes.add(body.length);
            return;
        }
        readBack.increment();
        Context context = Vertx.currentContext();
        worker().execute(() -> {
            byte[] bytes;
            try {
                bytes = body.readRetained();
            } catch (RuntimeException e) {
                context.runOnContext(ignored -> ctx.fail(e));
                return;
            } finally {
                body.release();
            }
            context.runOnContext(ignored -> response.end(Buffer.buffer(Unpooled.wrappedBuffer(bytes))));
        });
    }

    /**
     * Whether this answer can go as a file region (the kernel copies it to the socket: sendfile); if not, its bytes
     * are read back. Vert.x's own sendFile opens and stats the file on every request, and writes a file region only
     * when the server compresses nothing, since the server's compressor cannot compress one. It need not here: it
     * leaves alone an answer with a Content-Encoding (the gzip form), and one to a client that names no encoding (the
     * identity form); a client that asks for deflate or br alone gets the plain bytes, compressed by the server as
     * before. Only on HTTP/1.x without TLS: a file region goes to the socket as it is.
     */
    private static boolean takesFile(HttpServerRequest request, boolean gzip) {
        return request.version() != HttpVersion.HTTP_2 && !request.isSSL()
                && (gzip || !request.headers().contains(HttpHeaders.ACCEPT_ENCODING))
                && request.connection() instanceof ConnectionBase;
    }

    /**
     * Quarkus marks every answer Content-Encoding: identity up front, and lifts that for a resource whose content
     * type is one of quarkus.http.compress-media-types (ours all are) when its headers are written: lifted here too, so
     * a client asking for deflate or br alone has the plain form compressed by the server, as the resources' answers
     * are (a client asking for gzip gets the form compressed at render time, with its Content-Encoding).
     */
    private static void leaveCompressionToTheServer(HttpServerResponse response) {
        response.headers().remove(HttpHeaders.CONTENT_ENCODING);
    }

    private void countEventLoop() {
        if (Context.isOnEventLoopThread()) {
            answeredOnEventLoop.increment();
        }
    }

    /**
     * Renders on a worker (with a request context, as a resource method has), then answers on this request's event
     * loop; a render that fails sends the request on to the resources, which fail it as they always did.
     */
    private <T> void onWorker(RoutingContext ctx, Supplier<T> render, Consumer<T> answer) {
        handedToWorker.increment();
        Context context = Vertx.currentContext();
        worker().execute(() -> {
            T result;
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                result = render.get();
            } catch (RuntimeException e) {
                context.runOnContext(ignored -> ctx.next());
                return;
            } finally {
                requestContext.terminate();
            }
            context.runOnContext(ignored -> answer.accept(result));
        });
    }

    private static Executor worker() {
        return Infrastructure.getDefaultWorkerPool();
    }
}
