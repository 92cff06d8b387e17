package dev.hallway.config;

import java.net.URI;

/** hallway.base-url ready to have paths appended (no trailing slash), and its host. */
public final class BaseUrl {

    private BaseUrl() {
    }

    public static String of(HallwayConfig config) {
        return trimmed(config.baseUrl());
    }

    public static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** hallway.base-url's host (for tag: ids, Message-IDs, List-Id), or {@code fallback} when it has none. */
    public static String host(String url, String fallback) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null || host.isEmpty() ? fallback : host;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
