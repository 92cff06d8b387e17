package dev.hallway.websub;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 8288 Link headers: {@code <https://hub.example/>; rel="hub", <https://blog.example/feed>; rel="self"}. */
final class LinkHeaders {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*(\"([^\"]*)\"|([^\\s;,]+))");

    private LinkHeaders() {
    }

    /** The http(s) URLs, resolved against {@code base}, of the links whose rel includes {@code rel}. */
    static List<String> withRel(List<String> headers, String rel, String base) {
        List<String> urls = new ArrayList<>();
        for (String header : headers) {
            Matcher link = LINK.matcher(header);
            while (link.find()) {
                Matcher r = REL.matcher(link.group(2));
                if (!r.find()) {
                    continue;
                }
                String rels = r.group(2) != null ? r.group(2) : r.group(3);
                for (String one : rels.toLowerCase(Locale.ROOT).split("\\s+")) {
                    if (one.equals(rel)) {
                        String url = absolute(base, link.group(1).strip());
                        if (url != null && !urls.contains(url)) {
                            urls.add(url);
                        }
                    }
                }
            }
        }
        return urls;
    }

    private static String absolute(String base, String href) {
        try {
            URI uri = URI.create(base).resolve(href);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
