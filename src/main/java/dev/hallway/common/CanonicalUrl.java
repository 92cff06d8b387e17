package dev.hallway.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The key of a URL, for posts (the dedupe key) and for feeds (two spellings of one feed in feeds.yaml): http and
 * https folded, host lower-cased without {@code www.}, default port, fragment and tracking parameters dropped, other
 * query parameters sorted, no trailing slash.
 * {@code https://www.Example.org:443/a/?utm_source=x&b=2&a=1#top} → {@code example.org/a?a=1&b=2}.
 * <p>
 * Only what means nothing to the site goes: a hash-bang fragment ({@code #!/post/12}, the address of a post in a
 * single-page blog) is kept, and so are parameters that are tracking only on some sites ({@code source}, {@code ref},
 * {@code rss}: on others they pick the page).
 */
public final class CanonicalUrl {

    /** Parameters known to be tracking everywhere (besides every {@code utm_*}). */
    private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid",
            "msclkid", "mc_cid", "mc_eid", "ref_src", "igshid", "_hsenc", "_hsmi", "mkt_tok", "yclid", "twclid",
            "s_cid", "cmpid", "wt.mc_id", "ocid", "spm", "__s", "vero_id", "oly_enc_id", "oly_anon_id", "_ga", "_gl",
            "srsltid");

    private CanonicalUrl() {
    }

    /** @return the canonical form, or null when the text is not an absolute http(s) URL */
    public static String of(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim().replace(" ", "%20"));
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        int port = uri.getPort();
        String portPart = port == -1 || port == 80 || port == 443 ? "" : ":" + port;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String fragment = uri.getRawFragment();
        String hashBang = fragment != null && fragment.startsWith("!") ? "#" + fragment : "";
        return host + portPart + path + query(uri.getRawQuery()) + hashBang;
    }

    private static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = (pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair).toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING.contains(name)) {
                kept.add(pair);
            }
        }
        if (kept.isEmpty()) {
            return "";
        }
        kept.sort(null);
        return "?" + String.join("&", kept);
    }
}
