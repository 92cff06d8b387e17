package dev.hallway.config;

/** hallway.base-url ready to have paths appended: no trailing slash. */
public final class BaseUrl {

    private BaseUrl() {
    }

    public static String of(HallwayConfig config) {
        return trimmed(config.baseUrl());
    }

    public static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
