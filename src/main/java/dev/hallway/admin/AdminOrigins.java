package dev.hallway.admin;

import dev.hallway.config.BaseUrl;
import dev.hallway.config.HallwayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a state-changing request to the admin page comes from the page itself, by the headers browsers add:
 * {@code Sec-Fetch-Site} must be {@code same-origin}, and {@code Origin} this service's own (as the request
 * reached it, or hallway.base-url). A request with neither header (curl, an old browser) still needs the form's CSRF
 * token, which a foreign page cannot read.
 */
@ApplicationScoped
public class AdminOrigins {

    @Inject
    HallwayConfig config;

    public boolean sameSite(HttpServerRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.trim().equalsIgnoreCase("same-origin")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String given = origin.trim().toLowerCase(Locale.ROOT);
        String host = request.getHeader("Host");
        String own = host == null ? null : (request.scheme() + "://" + host).toLowerCase(Locale.ROOT);
        return given.equals(own) || given.equals(originOf(BaseUrl.of(config)));
    }

    /** scheme://host[:port] of a URL, lower case, default ports left out. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 80 && "http".equalsIgnoreCase(uri.getScheme())
                    || port == 443 && "https".equalsIgnoreCase(uri.getScheme());
            return (uri.getScheme() + "://" + uri.getHost() + (defaultPort ? "" : ":" + port)).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
