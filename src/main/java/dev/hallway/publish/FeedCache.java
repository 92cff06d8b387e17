package dev.hallway.publish;

import dev.hallway.common.Hashing;
import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import dev.hallway.conference.Conferences;
import dev.hallway.entry.Entry;
import dev.hallway.entry.EntryChanges;
import dev.hallway.source.Source;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Renders and caches the feeds, Atom and JSON Feed, in one render cache: a reader polling an unchanged feed costs a
 * map lookup.
 */
@ApplicationScoped
public class FeedCache {

    @Inject
    HallwayConfig config;
    @Inject
    FeedPages pages;
    @Inject
    EntryChanges changes;
    @Inject
    Conferences conferences;
    @Inject
    Clock clock;
    @Inject
    PageFiles files;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    private RenderCache cache;
    private AtomFeedWriter atom;
    private JsonFeedWriter json;
    private String hub;

    @PostConstruct
    void init() {
        cache = new RenderCache(config.feed().cacheSize().asLongValue());
        hub = HubLink.of(config);
        atom = new AtomFeedWriter(config.baseUrl(), version, hub);
        json = new JsonFeedWriter(config.baseUrl(), hub);
    }

    /** A page of a feed in a format, from the cache or rendered (once however many ask at the same time): blocking. */
    Rendered render(FeedScope scope, FeedFormat format, int page) {
        String current = changes.version();
        return cache.get(key(format, scope.key(), page), current, () -> renderNow(scope, format, page, current, files));
    }

    /** A rendered page and the bytes of one of its forms. */
    record WithBytes(Rendered rendered, byte[] bytes) {
    }

    /**
     * The bytes of a form of {@code rendered}, read back from its file (blocking); when the page left the cache since
     * it was found (its file let go: a crawler filling the cache), the page as it is now, from the cache or rendered,
     * and at worst rendered in memory for this answer alone.
     */
    WithBytes read(Rendered rendered, FeedScope scope, FeedFormat format, int page, boolean gzip) {
        Rendered current = rendered;
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] bytes = current.form(gzip).read();
            if (bytes != null) {
                return new WithBytes(current, bytes);
            }
            current = render(scope, format, page);
        }
        Rendered inMemory = renderNow(scope, format, page, changes.version(), null);
        return new WithBytes(inMemory, inMemory.form(gzip).read());
    }

    private Rendered renderNow(FeedScope scope, FeedFormat format, int page, String current, PageFiles files) {
        return QuarkusTransaction.requiringNew().call(() -> {
            FeedPage loaded = pages.load(scope, page, config.feed().pageSize());
            byte[] body = switch (format) {
                case ATOM -> atom.write(scope, loaded, Source.byId(), clock.instant());
                case JSON -> json.write(scope, loaded, Source.byId());
            };
            String hash = Hashing.sha256Hex(body).substring(0, 32);
            Instant lastModified = (loaded.newest() != null ? loaded.newest() : clock.instant()).truncatedTo(ChronoUnit.SECONDS);
            return Rendered.feed(format, body, "\"" + hash + "\"", "\"" + hash + "-gzip\"", lastModified,
                    HttpHeaderValues.date(lastModified), current,
                    HubLink.header(hub, scope.pageUrl(BaseUrl.of(config), format, page)), files);
        });
    }

    /**
     * The first page of the feed at {@code url} (a WebSub topic), rendered or cached; null when {@code url} is not one
     * of our feeds: /feed, /conferences/feed, or /conferences/{slug}/feed of a known edition or series, as .atom or
     * .json, on hallway.base-url, without a query.
     */
    public TopicContent topic(String url) {
        String base = BaseUrl.of(config);
        if (url == null || !url.startsWith(base + "/")) {
            return null;
        }
        String path = url.substring(base.length());
        for (FeedFormat format : FeedFormat.values()) {
            if (!path.endsWith("/feed" + format.extension)) {
                continue;
            }
            String stem = path.substring(0, path.length() - format.extension.length());
            FeedScope scope;
            if (stem.equals(FeedScope.all().stem())) {
                scope = FeedScope.all();
            } else if (stem.equals(FeedScope.reports().stem())) {
                scope = FeedScope.reports();
            } else if (stem.matches("/conferences/[a-z0-9][a-z0-9-]{0,199}/feed")) {
                try {
                    scope = conference(stem.substring("/conferences/".length(), stem.length() - "/feed".length()));
                } catch (NotFoundException e) {
                    return null;
                }
            } else {
                return null;
            }
            WithBytes page = read(render(scope, format, 1), scope, format, 1, false);
            return new TopicContent(page.bytes(), format.contentType, page.rendered().etag().replace("\"", ""),
                    page.rendered().linkHeader);
        }
        return null;
    }

    /** The cached page for this version, or null: never blocks (for the event loop). */
    Rendered cached(String key, String version) {
        return cache.peek(key, version);
    }

    /** The cache key of a page of a feed scope in a format. */
    static String key(FeedFormat format, String scopeKey, int page) {
        return scopeKey + "#" + page + format.extension;
    }

    /** The scope of /conferences/{slug}/feed.atom and feed.json: a catalogued series, or an edition or series that has reports. */
    FeedScope conference(String slug) {
        var series = conferences.catalogue().series(slug);
        if (series != null) {
            return FeedScope.conference(slug, series.name());
        }
        String name = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>find(
                        Entry.ofConference(null), Parameters.with("conference", slug)).firstResultOptional()
                .map(e -> slug.equals(e.conferenceSlug) ? e.conferenceName : e.conferenceSeriesName).orElse(null));
        if (name == null) {
            throw new NotFoundException("no conference or edition '" + slug + "'");
        }
        return FeedScope.conference(slug, name);
    }

    /** The render cache, for its counts (metrics, tests). */
    RenderCache cache() {
        return cache;
    }
}
