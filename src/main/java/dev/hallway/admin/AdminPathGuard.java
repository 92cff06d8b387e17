package dev.hallway.admin;

import dev.hallway.common.KeyedBuckets;
import dev.hallway.config.HallwayConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;

/**
 * The one guard of everything under /admin, decided by the request path before any route is chosen, so an admin
 * resource added later is closed without anyone remembering to mark it. No token configured → 403; a missing or
 * wrong bearer token → 401; hallway.admin.max-failures wrong tokens from one client address within
 * hallway.admin.failure-period → 429 with Retry-After for every admin request from it until the period refills.
 */
@ApplicationScoped
public class AdminPathGuard {

    /** Before every route (a high priority runs first). */
    private static final int PRIORITY = 1000;

    @Inject
    AdminAccess access;
    @Inject
    HallwayConfig config;

    private KeyedBuckets failures;

    @PostConstruct
    void init() {
        failures = new KeyedBuckets(config.admin().maxFailures(), config.admin().failurePeriod(), 100_000);
    }

    void register(@Observes Filters filters) {
        filters.register(this::guard, PRIORITY);
    }

    private void guard(RoutingContext rc) {
        if (!isAdminPath(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String client = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
        if (!failures.hasTokens(client)) {
            Duration wait = failures.take(client).orElse(Duration.ofSeconds(1));
            answer(rc, 429).putHeader(HttpHeaders.RETRY_AFTER, Long.toString(KeyedBuckets.retryAfterSeconds(wait)))
                    .end(body("too many wrong admin tokens from this address; try again later"));
            return;
        }
        switch (access.check(rc.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> rc.next();
            case DISABLED -> answer(rc, 403)
                    .end(body("admin endpoints are disabled: set hallway.admin-token (HALLWAY_ADMIN_TOKEN) to enable them"));
            case UNAUTHORIZED -> {
                failures.take(client);
                answer(rc, 401).putHeader("WWW-Authenticate", "Bearer realm=\"hallway-admin\"")
                        .end(body("send Authorization: Bearer <hallway.admin-token>"));
            }
        }
    }

    private static io.vertx.core.http.HttpServerResponse answer(RoutingContext rc, int status) {
        return rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
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
        String first = "";
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                first = segment;
                break;
            }
        }
        int semicolon = first.indexOf(';');
        if (semicolon >= 0) {
            first = first.substring(0, semicolon);
        }
        return first.toLowerCase(Locale.ROOT).equals("admin");
    }
}
