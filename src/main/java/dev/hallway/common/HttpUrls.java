package dev.hallway.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one check a URL written by a stranger (a feed's link, a blog's site URL) passes before it is stored or put in a
 * page, a feed or a mail: it must be an absolute {@code http} or {@code https} URL with a host. Everything else —
 * {@code javascript:}, {@code vbscript:}, {@code data:}, a scheme hidden behind whitespace or control characters
 * ({@code java\tscript:}), a relative or unparsable URL — is refused.
 */
public final class HttpUrls {

    private HttpUrls() {
    }

    /**
     * @return the URL, stripped of surrounding whitespace and control characters (which browsers ignore too) and with
     * inner spaces written {@code %20}, when it is an absolute http(s) URL; otherwise null
     */
    public static String httpOrNull(String url) {
        if (url == null) {
            return null;
        }
        String candidate = url.trim().replace(" ", "%20"); // trim(): every char <= U+0020, C0 controls included
        URI uri;
        try {
            uri = new URI(candidate); // refuses tabs, newlines and control characters inside the URL
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque()
                || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            return null;
        }
        return candidate;
    }

    public static boolean isHttp(String url) {
        return httpOrNull(url) != null;
    }
}
