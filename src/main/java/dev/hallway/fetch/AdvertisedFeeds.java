package dev.hallway.fetch;

import dev.hallway.common.CanonicalUrl;
import dev.hallway.common.HttpUrls;
import dev.hallway.fetch.AdvertisedFeed.Kind;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feeds an HTML page advertises, the blog's main feed first: feeds that look like a comments, category, tag or
 * author feed (WordPress advertises "Comments Feed" on every page, and a category page its category's feed) come after
 * the others; among equals Atom before RSS, then the page's order.
 */
public final class AdvertisedFeeds {

    private static final Pattern COMMENTS = Pattern.compile(
            "(?i)(\\bcomments?\\b|/comments?(/|\\.|$)|kommentare|commentaires|comentarios|commenti|komentarze|reacties|replies)");
    private static final Pattern SECTION_URL = Pattern.compile(
            "(?i)(/(category|categories|tag|tags|topic|topics|author|authors|label|labels|series)/|[?&](cat|tag|author|label)=)");
    private static final Pattern SECTION_TITLE = Pattern.compile(
            "(?i)\\b(category|categories|tag|tags|author|kategorie|catégorie|étiquette|categoría|etiqueta|schlagwort)\\b");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");

    private AdvertisedFeeds() {
    }

    /** @param pageUrl the URL that answered with the page: relative links are resolved against it (or its {@code <base>}) */
    public static List<AdvertisedFeed> of(byte[] html, String contentType, String pageUrl) {
        Document page;
        try {
            page = Jsoup.parse(new ByteArrayInputStream(html), charset(contentType), pageUrl);
        } catch (IOException e) {
            return List.of();
        }
        List<AdvertisedFeed> feeds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element link : page.select("link[href][type]")) {
            Set<String> rel = Set.of(link.attr("rel").toLowerCase(Locale.ROOT).trim().split("\\s+"));
            Kind kind = kind(link.attr("type"));
            String url = HttpUrls.httpOrNull(link.absUrl("href"));
            if (!rel.contains("alternate") || kind == null || url == null || !seen.add(key(url))) {
                continue;
            }
            String title = link.attr("title").isBlank() ? null : link.attr("title").strip();
            feeds.add(new AdvertisedFeed(url, kind, title, secondary(url, title)));
        }
        List<AdvertisedFeed> ranked = new ArrayList<>(feeds);
        ranked.sort(Comparator.comparing((AdvertisedFeed f) -> f.secondary() != null).thenComparing(AdvertisedFeed::kind));
        return List.copyOf(ranked);
    }

    private static Kind kind(String type) {
        String t = type.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return switch (t) {
            case "application/atom+xml" -> Kind.ATOM;
            case "application/rss+xml", "application/rdf+xml" -> Kind.RSS;
            case "application/xml", "text/xml" -> Kind.XML;
            case "application/feed+json", "application/json" -> Kind.JSON;
            default -> null;
        };
    }

    private static String secondary(String url, String title) {
        String path = url.replaceFirst("^https?://[^/]+", "");
        if (COMMENTS.matcher(path).find() || (title != null && COMMENTS.matcher(title).find())) {
            return "comments";
        }
        if (SECTION_URL.matcher(path).find() || (title != null && SECTION_TITLE.matcher(title).find())) {
            return "category, tag or author";
        }
        return null;
    }

    private static String charset(String contentType) {
        if (contentType == null) {
            return null; // jsoup reads the BOM or <meta charset>, else UTF-8
        }
        Matcher m = CHARSET.matcher(contentType);
        try {
            return m.find() && Charset.isSupported(m.group(1)) ? m.group(1) : null;
        } catch (IllegalArgumentException badName) {
            return null;
        }
    }

    static String key(String url) {
        String key = CanonicalUrl.of(url);
        return key != null ? key : url;
    }
}
