package dev.hallway.admin;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one guard of everything under /admin, decided by the request path before any route is chosen, so an admin
 * resource added later is closed without anyone remembering to mark it. No token configured → 403; a missing or
 * wrong bearer token → 401; hallway.admin.max-failures wrong tokens from one client address within
 * hallway.admin.failure-period → 429 with Retry-After for every admin request from it until the period refills.
 * <p>
 * The admin page's paths ({@link #isPagePath}: /admin, /admin/session, /admin/session/end, /admin/ui/…) take a
 * session cookie instead of the bearer token ({@link AdminSessions}); only the page itself and the sign-in form's
 * POST are open without one. A POST there from another site (Origin or Sec-Fetch-Site) is refused before any route;
 * the CSRF field of each form is checked by {@link AdminPageResource}. Every admin answer is no-store and not
 * frameable.
 */
@ApplicationScoped
public class AdminPathGuard {

    /** Before every route (a high priority runs first). */
    private static final int PRIORITY = 1000;

    @Inject
    AdminAccess access;
    @Inject
    AdminFailures failures;
    @Inject
    AdminSessions sessions;
    @Inject
    AdminOrigins origins;

    void register(@Observes Filters filters) {
        filters.register(this::guard, PRIORITY);
    }

    private void guard(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!isAdminPath(path)) {
            rc.next();
            return;
        }
        rc.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store").putHeader("X-Frame-Options", "DENY");
        String client = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
        boolean page = isPagePath(path);
        if (!failures.allowed(client)) {
            String wait = Long.toString(failures.retryAfterSeconds(client));
            String message = "too many wrong admin tokens from this address; try again later";
            if (page) {
                html(rc, 429).putHeader(HttpHeaders.RETRY_AFTER, wait).end(AdminTemplates.signIn(message + " (in " + wait + " s)").render());
            } else {
                answer(rc, 429).putHeader(HttpHeaders.RETRY_AFTER, wait).end(body(message));
            }
            return;
        }
        if (page) {
            guardPage(rc, path);
            return;
        }
        switch (access.check(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> rc.next();
            case DISABLED -> answer(rc, 403)
                    .end(body("admin endpoints are disabled: set hallway.admin-token (HALLWAY_ADMIN_TOKEN) to enable them"));
            case UNAUTHORIZED -> {
                failures.fail(client);
                answer(rc, 401).putHeader("WWW-Authenticate", "Bearer realm=\"hallway-admin\"")
                        .end(body("send Authorization: Bearer <hallway.admin-token>"));
            }
        }
    }

    /** The admin page: a session cookie, never the bearer token; the sign-in form is the only way in. */
    private void guardPage(RoutingContext rc, String path) {
        if (access.check(null) == AdminAccess.Verdict.DISABLED) {
            html(rc, 403).end(AdminTemplates.signIn(
                    "The admin page is disabled: set hallway.admin-token (HALLWAY_ADMIN_TOKEN) to enable it.").render());
            return;
        }
        HttpMethod method = rc.request().method();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (!safe && !origins.sameSite(rc.request())) {
            html(rc, 403).end(AdminTemplates.refused("This form was sent from another site; nothing was changed.").render());
            return;
        }
        List<String> rest = segments(path);
        rest.remove(0);
        boolean open = rest.isEmpty() && safe || rest.equals(List.of("session")) && method == HttpMethod.POST;
        if (open) {
            rc.next();
            return;
        }
        Cookie cookie = rc.request().getCookie(AdminSessions.COOKIE);
        if (sessions.verify(cookie == null ? null : cookie.getValue()).isPresent()) {
            rc.next();
            return;
        }
        // no session, or an expired one: back to the sign-in form, nothing done
        rc.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, "/admin").end();
    }

    private static HttpServerResponse answer(RoutingContext rc, int status) {
        return rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }

    private static HttpServerResponse html(RoutingContext rc, int status) {
        return rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8");
    }

    private static String body(String message) {
        return "{\"error\":\"" + message.replace("\"", "\\\"") + "\"}";
    }

    /**
     * Whether the path's first segment is "admin", however it is written: any case, repeated slashes, matrix
     * parameters (/admin;x=1/poll), percent-encoded letters and dot segments (normalized by Vert.x beforehand).
     */
    static boolean isAdminPath(String path) {
        if (path == null) {
            return false;
        }
        List<String> segments = segments(path);
        if (segments.isEmpty()) {
            return false;
        }
        String first = segments.get(0);
        int semicolon = first.indexOf(';');
        if (semicolon >= 0) {
            first = first.substring(0, semicolon);
        }
        return first.toLowerCase(Locale.ROOT).equals("admin");
    }

    /**
     * Whether the path is one of the admin page's, written exactly (lower case, no matrix parameters): /admin,
     * /admin/session, /admin/session/end or under /admin/ui/. Any other admin path, however close, takes the bearer
     * token.
     */
    static boolean isPagePath(String path) {
        if (path == null || path.indexOf(';') >= 0 || path.indexOf('%') >= 0) {
            return false;
        }
        List<String> segments = segments(path);
        if (segments.isEmpty() || !segments.get(0).equals("admin")) {
            return false;
        }
        List<String> rest = segments.subList(1, segments.size());
        return rest.isEmpty() || rest.equals(List.of("session")) || rest.equals(List.of("session", "end"))
                || rest.size() >= 2 && rest.get(0).equals("ui");
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }
}
