package dev.hallway.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.hallway.common.HttpUrls;
import dev.hallway.common.XmlChars;
import dev.hallway.entry.Entry;
import dev.hallway.source.Source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a page of entries as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), the same entries, ids, authors
 * and tags as {@link AtomFeedWriter}'s page. The conference an entry reports on, and the blog it came from (Atom's
 * category and atom:source), go in the item's {@code _hallway} extension. Text is cleaned as for Atom (control
 * characters and lone surrogates dropped) so both formats carry the same text, and every URL from a feed passes
 * {@link HttpUrls} or is left out.
 */
final class JsonFeedWriter {

    static final String VERSION = "https://jsonfeed.org/version/1.1";
    private static final JsonFactory JSON = new JsonFactory();
    /** RFC 5646 tags as feeds write them (en, en-US, pt_BR): anything else is not passed on. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private final String baseUrl;
    private final FeedIds ids;

    /** Our WebSub hub, advertised in {@code hubs}, or null. */
    private final String hub;

    JsonFeedWriter(String baseUrl, String hub) {
        this.hub = hub;
        this.baseUrl = dev.hallway.config.BaseUrl.trimmed(baseUrl);
        this.ids = new FeedIds(this.baseUrl);
    }

    byte[] write(FeedScope scope, FeedPage page, Map<Long, Source> sources) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", VERSION); // first, as the spec asks
            json.writeStringField("title", clean(scope.title()));
            json.writeStringField("description", clean(scope.subtitle()));
            json.writeStringField("home_page_url", baseUrl + scope.htmlPath());
            // the feed's identifier: its first page, on every page (next_url must differ from it)
            json.writeStringField("feed_url", scope.pageUrl(baseUrl, FeedFormat.JSON, 1));
            if (page.page() < page.lastPage()) {
                json.writeStringField("next_url", scope.pageUrl(baseUrl, FeedFormat.JSON, page.page() + 1));
            }
            json.writeArrayFieldStart("authors");
            author(json, "Hallway", baseUrl + "/");
            json.writeEndArray();
            if (hub != null) {
                json.writeArrayFieldStart("hubs");
                json.writeStartObject();
                json.writeStringField("type", "WebSub");
                json.writeStringField("url", hub);
                json.writeEndObject();
                json.writeEndArray();
            }
            json.writeArrayFieldStart("items");
            for (Entry e : page.entries()) {
                item(json, e, sources.get(e.sourceId));
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON feed " + scope.path(FeedFormat.JSON), e);
        }
        return out.toByteArray();
    }

    private void item(JsonGenerator json, Entry e, Source source) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", ids.entry(e));
        url(json, "url", e.url);
        json.writeStringField("title", clean(e.title));
        if (e.contentHtml != null) {
            json.writeStringField("content_html", clean(e.contentHtml));
        } else { // an item must have content_html or content_text
            json.writeStringField("content_text", e.summary == null ? "" : clean(e.summary));
        }
        if (e.summary != null) {
            json.writeStringField("summary", clean(e.summary));
        }
        json.writeStringField("date_published", date(e.publishedAt));
        json.writeStringField("date_modified", date(e.updatedAt));
        String blog = source == null ? "Unknown blog" : source.displayName();
        json.writeArrayFieldStart("authors");
        for (String name : e.authors) {
            author(json, name, null);
        }
        if (e.authors.isEmpty()) {
            author(json, blog, null);
        }
        json.writeEndArray();
        Set<String> tags = new LinkedHashSet<>(); // the schema wants them unique
        for (String tag : e.tags) {
            String clean = clean(tag);
            if (!clean.isBlank()) {
                tags.add(clean);
            }
        }
        if (!tags.isEmpty()) {
            json.writeArrayFieldStart("tags");
            for (String tag : tags) {
                json.writeString(tag);
            }
            json.writeEndArray();
        }
        if (e.language != null && LANGUAGE.matcher(e.language.replace('_', '-')).matches()) {
            json.writeStringField("language", e.language.replace('_', '-'));
        }
        hallway(json, e, source, blog);
        json.writeEndObject();
    }

    /** {@code _hallway}: the blog the post came from, and the conference edition it reports on (reports only). */
    private void hallway(JsonGenerator json, Entry e, Source source, String blog) throws IOException {
        json.writeObjectFieldStart("_hallway");
        json.writeObjectFieldStart("blog");
        json.writeStringField("title", clean(blog));
        if (source != null) {
            url(json, "home_page_url", source.siteUrl);
            url(json, "feed_url", source.url);
        }
        json.writeEndObject();
        if (e.conferenceSlug != null) {
            json.writeObjectFieldStart("conference");
            json.writeStringField("slug", e.conferenceSlug);
            json.writeStringField("name", clean(e.conferenceName));
            if (e.conferenceSeries != null) {
                json.writeStringField("series", e.conferenceSeries);
                json.writeStringField("series_name", clean(e.conferenceSeriesName));
            }
            if (e.conferenceYear != null) {
                json.writeNumberField("year", e.conferenceYear);
            }
            url(json, "url", baseUrl + "/conferences/" + e.conferenceSlug);
            url(json, "feed_url", baseUrl + "/conferences/" + e.conferenceSlug + "/feed.json");
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void author(JsonGenerator json, String name, String url) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", clean(name));
        url(json, "url", url);
        json.writeEndObject();
    }

    /** A URL member, written only when the URL is an absolute http(s) one (the check every page and feed applies). */
    private static void url(JsonGenerator json, String field, String url) throws IOException {
        String checked = HttpUrls.httpOrNull(url);
        if (checked != null) {
            json.writeStringField(field, checked);
        }
    }

    /** RFC 3339 in UTC, whole seconds: the dates the Atom feed shows (2024-05-27T08:00:00Z). */
    private static String date(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String clean(String text) {
        return XmlChars.clean(text == null ? "" : text);
    }
}
