package dev.hallway.fetch;

import dev.hallway.fetch.AdvertisedFeed.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches a source's feed, finding it first when the URL is a web page (a blog's home page in feeds.yaml): the feeds
 * the page advertises ({@link AdvertisedFeeds}), the main one first, else the usual paths ({@code /feed/},
 * {@code /index.xml}, …). Every request goes through {@link FeedFetcher} (its limits, size cap and redirect guard), and
 * a feed a public page points at on an internal address is refused like a redirect there ({@link RedirectGuard}).
 * A discovered feed that starts answering 404 or 410, or with a web page, is looked for again on its page.
 */
@ApplicationScoped
public class FeedDiscovery {

    /** Where blog engines put their feed, relative to the blog: WordPress, Hugo, Jekyll/Octopress, Gatsby/Drupal. */
    static final List<String> USUAL_PATHS = List.of("feed/", "index.xml", "atom.xml", "feed.xml", "rss.xml");
    /** Fetches one discovery may make besides the page (a page may advertise dozens of category feeds). */
    private static final int MAX_TRIES = 12;

    @Inject
    FeedFetcher fetcher;
    @Inject
    RedirectGuard guard;

    /** The feed's answer, and what discovery found on the way (null when the URL answered as a feed). */
    public record Fetched(FetchResponse response, Discovery discovery) {
    }

    /**
     * @param request the source's URL and validators
     * @param pageUrl the page the source's feed was discovered on, or null
     * @throws FetchException also when the URL is a page on which no feed can be found
     */
    public Fetched fetch(FetchRequest request, String pageUrl) throws FetchException {
        FetchResponse response = fetcher.fetch(request);
        boolean servesPage = response.success() && BodyKind.of(response.contentType(), response.body()) == BodyKind.HTML;
        boolean lost = servesPage || response.status() == 404 || response.status() == 410;
        if (lost && pageUrl != null && !AdvertisedFeeds.key(pageUrl).equals(AdvertisedFeeds.key(request.url()))) {
            return rediscover(request.url(), response, servesPage, pageUrl);
        }
        return servesPage ? discoverOn(response, null) : new Fetched(response, null);
    }

    private Fetched rediscover(String feedUrl, FetchResponse failed, boolean servesPage, String pageUrl) throws FetchException {
        String why = "the feed " + feedUrl + (servesPage ? " answers with a web page" : " answered HTTP " + failed.status());
        try {
            FetchResponse page = fetcher.fetch(new FetchRequest(pageUrl, null, null));
            if (!page.success()) {
                throw new FetchException("HTTP " + page.status());
            }
            if (BodyKind.of(page.contentType(), page.body()) != BodyKind.HTML) {
                throw new FetchException("it is no longer a web page");
            }
            Fetched found = discoverOn(page, feedUrl);
            Discovery d = found.discovery();
            return new Fetched(found.response(), new Discovery(d.pageUrl(), d.feedUrl(), why + "; looked again: " + d.note()));
        } catch (FetchException e) {
            String note = why + "; looking for another feed on " + pageUrl + " failed: " + e.getMessage();
            if (servesPage) {
                throw new FetchException(note, e);
            }
            return new Fetched(failed, new Discovery(pageUrl, feedUrl, note)); // the 404 or 410 stands
        }
    }

    /** @param gone a feed URL not to choose again (it just failed), or null */
    private Fetched discoverOn(FetchResponse page, String gone) throws FetchException {
        String pageUrl = page.finalUrl();
        List<AdvertisedFeed> advertised = AdvertisedFeeds.of(page.body(), page.contentType(), pageUrl);
        Map<String, String> problems = new LinkedHashMap<>();
        Tries tries = new Tries();
        for (AdvertisedFeed feed : advertised) {
            if (gone != null && AdvertisedFeeds.key(feed.url()).equals(AdvertisedFeeds.key(gone))) {
                problems.put(feed.url(), "the feed that failed");
            }
        }
        for (AdvertisedFeed feed : advertised) {
            if (feed.secondary() == null && readable(feed, gone)) {
                FetchResponse r = tryFeed(pageUrl, feed.url(), false, problems, tries);
                if (r != null) {
                    return new Fetched(r, new Discovery(pageUrl, feed.url(), chosen(feed, advertised, pageUrl, problems)));
                }
            }
        }
        for (String probe : usualPaths(pageUrl)) {
            if (gone == null || !AdvertisedFeeds.key(probe).equals(AdvertisedFeeds.key(gone))) {
                FetchResponse r = tryFeed(pageUrl, probe, true, null, tries);
                if (r != null) {
                    String note = "found " + probe + " at a usual path: " + pageUrl + " advertises "
                            + (advertised.isEmpty() ? "no feed" : "no feed it could use (" + others(null, advertised, problems) + ")");
                    return new Fetched(r, new Discovery(pageUrl, probe, note));
                }
            }
        }
        for (AdvertisedFeed feed : advertised) { // only a comments or category feed is left: better than nothing
            if (feed.secondary() != null && readable(feed, gone)) {
                FetchResponse r = tryFeed(pageUrl, feed.url(), false, problems, tries);
                if (r != null) {
                    return new Fetched(r, new Discovery(pageUrl, feed.url(), chosen(feed, advertised, pageUrl, problems)));
                }
            }
        }
        throw new FetchException("no feed found on this page: " + pageUrl + (advertised.isEmpty()
                ? " advertises no feed (<link rel=\"alternate\" type=\"application/atom+xml\"> or rss+xml)"
                : " advertises " + others(null, advertised, problems))
                + ", and none of " + String.join(", ", USUAL_PATHS) + " beside it or at the site's root answers with a feed");
    }

    private static boolean readable(AdvertisedFeed feed, String gone) {
        return feed.kind() != Kind.JSON && (gone == null || !AdvertisedFeeds.key(feed.url()).equals(AdvertisedFeeds.key(gone)));
    }

    /**
     * The feed at {@code url}, or null (its problem noted when {@code problems} is given).
     *
     * @param strict only a body that is recognisably RSS or Atom will do (a guessed path often answers with a page)
     */
    private FetchResponse tryFeed(String pageUrl, String url, boolean strict, Map<String, String> problems, Tries tries) {
        if (!tries.another()) {
            return null;
        }
        String problem;
        try {
            guard.check(URI.create(pageUrl), URI.create(url));
            FetchResponse r = fetcher.fetch(new FetchRequest(url, null, null));
            BodyKind kind = r.success() ? BodyKind.of(r.contentType(), r.body()) : null;
            if (kind == BodyKind.FEED || (!strict && kind == BodyKind.OTHER)) {
                return r;
            }
            problem = kind == null ? "HTTP " + r.status() : kind == BodyKind.HTML ? "a web page, not a feed" : "not a feed";
        } catch (FetchException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problems != null) {
            problems.put(url, problem);
        }
        return null;
    }

    /** The usual paths beside the page (a blog under /blog/ has /blog/feed/), then at the site's root. */
    static List<String> usualPaths(String pageUrl) {
        URI page = URI.create(pageUrl);
        String path = page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.endsWith("/") ? path
                : lastSegment.contains(".") ? path.substring(0, path.lastIndexOf('/') + 1) : path + "/";
        Set<String> urls = new LinkedHashSet<>();
        for (String base : List.of(dir, "/")) {
            for (String p : USUAL_PATHS) {
                urls.add(page.resolve(base + p).toString());
            }
        }
        return List.copyOf(urls);
    }

    private static String chosen(AdvertisedFeed feed, List<AdvertisedFeed> advertised, String pageUrl, Map<String, String> problems) {
        if (advertised.size() == 1) {
            return "chose " + feed.describe() + ", the one feed " + pageUrl + " advertises";
        }
        return "chose " + feed.describe() + " of the " + advertised.size() + " feeds " + pageUrl + " advertises; not chosen: "
                + others(feed, advertised, problems);
    }

    /** Each advertised feed but {@code chosen}, with why it was not taken. */
    private static String others(AdvertisedFeed chosen, List<AdvertisedFeed> advertised, Map<String, String> problems) {
        List<String> out = new ArrayList<>();
        for (AdvertisedFeed f : advertised) {
            if (f == chosen) {
                continue;
            }
            String why = problems.get(f.url());
            if (why == null) {
                why = f.kind() == Kind.JSON ? "Hallway does not read JSON Feed"
                        : f.secondary() != null ? f.secondary() + " feed"
                        : chosen != null && chosen.kind() != f.kind() ? chosen.kind().label() + " preferred"
                        : "listed after the chosen one";
            }
            out.add(f.describe() + ": " + why);
        }
        return String.join("; ", out);
    }

    /** Counts the fetches of one discovery. */
    private static final class Tries {
        private int made;

        boolean another() {
            return made++ < MAX_TRIES;
        }
    }
}
