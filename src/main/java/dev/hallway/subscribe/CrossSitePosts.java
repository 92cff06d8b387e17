package dev.hallway.subscribe;

import io.vertx.core.http.HttpServerRequest;

import java.net.URI;
import java.util.Locale;

/**
 * Refuses a form posted from another site. The signed token in the form is the real secret (another site cannot know
 * it); this adds the browser's own word where it gives one: {@code Sec-Fetch-Site} must be same-origin (or none: typed,
 * bookmarked), and an {@code Origin} must be this service's, as {@code hallway.base-url} or the request's Host names it.
 * A client that sends neither header (curl, an old browser) is let through on the token alone.
 */
final class CrossSitePosts {

    private CrossSitePosts() {
    }

    static boolean refused(HttpServerRequest request, String baseUrl) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String given = origin.trim().toLowerCase(Locale.ROOT);
        if (given.equals(originOf(baseUrl))) {
            return false;
        }
        String host = request.getHeader("Host");
        return host == null || !given.equals((request.scheme() + "://" + host).toLowerCase(Locale.ROOT));
    }

    /** "https://hallway.example" or "http://localhost:8080": scheme, host and a port that is not the default. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
