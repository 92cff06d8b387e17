package dev.hallway.normalize;

import dev.hallway.common.CanonicalUrl;
import dev.hallway.common.Hashing;
import dev.hallway.common.HttpUrls;
import dev.hallway.parse.ParsedItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a raw feed item into the entry we store: canonical URL, clean title, UTC dates, safe HTML, summary. */
public final class EntryNormalizer {

    static final int SUMMARY_LENGTH = 300;
    private static final int MAX_TITLE = 1000;
    private static final Instant WEB_BEGINS = Instant.parse("1991-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");
    private static final int MAX_URL = 4000;
    private static final int MAX_GUID = 2000;
    private static final int MAX_NAMES = 30;
    private static final int MAX_NAME = 120;
    private static final int UNTITLED_WORDS = 10;

    private EntryNormalizer() {
    }

    /**
     * Normalizes every item of one feed. A GUID that several link-less items share (a broken feed generator)
     * identifies none of them: those items are told apart by title and content instead.
     */
    public static List<NormalizedEntry> normalizeAll(List<ParsedItem> items, Instant fetchedAt) {
        Map<String, Integer> guidUses = new HashMap<>();
        for (ParsedItem item : items) {
            if (item.guid() != null && CanonicalUrl.of(item.link()) == null) {
                guidUses.merge(item.guid(), 1, Integer::sum);
            }
        }
        List<NormalizedEntry> entries = new ArrayList<>(items.size());
        for (ParsedItem item : items) {
            boolean guidReliable = item.guid() == null || guidUses.getOrDefault(item.guid(), 0) <= 1;
            entries.add(normalize(item, fetchedAt, guidReliable));
        }
        return entries;
    }

    /** @param fetchedAt when the feed was fetched: the date of undated items and the ceiling for future ones */
    public static NormalizedEntry normalize(ParsedItem item, Instant fetchedAt) {
        return normalize(item, fetchedAt, true);
    }

    private static NormalizedEntry normalize(ParsedItem raw, Instant fetchedAt, boolean guidReliable) {
        ParsedItem item = withinColumnLimits(raw);
        String body = item.contentHtml() != null ? item.contentHtml() : item.summaryHtml();
        // a summary-only item (or one whose summary is its content): the summary's text comes from the same parse
        boolean summaryIsBody = item.summaryHtml() != null && item.summaryHtml().equals(body);
        HtmlSanitizer.Clean clean = summaryIsBody ? HtmlSanitizer.sanitizeWithSourceText(body, item.baseUri())
                : HtmlSanitizer.sanitizeWithText(body, item.baseUri());
        String content = clean.html();
        String text = clean.text();
        String title = PlainText.truncate(PlainText.title(item.title()), MAX_TITLE);
        if (title.isEmpty()) {
            title = firstWords(text);
        }
        String summarySource = item.summaryHtml() == null ? ""
                : summaryIsBody ? clean.sourceText() : PlainText.ofHtml(item.summaryHtml());
        String summary = PlainText.truncate(summarySource.isEmpty() ? text : summarySource, SUMMARY_LENGTH);

        Instant published = firstPlausible(item.published(), LenientDates.parse(item.publishedText()),
                item.updated(), LenientDates.parse(item.updatedText()));
        boolean missing = published == null;
        boolean clamped = false;
        if (missing) {
            published = fetchedAt;
        } else if (published.isAfter(fetchedAt)) {
            published = fetchedAt;
            clamped = true;
        }
        Instant feedUpdated = firstPlausible(item.updated(), LenientDates.parse(item.updatedText()));
        Instant updated = feedUpdated != null && !feedUpdated.isAfter(fetchedAt) && feedUpdated.isAfter(published)
                ? feedUpdated : published;

        String canonical = CanonicalUrl.of(item.link());
        if (canonical == null) {
            canonical = item.guid() != null && guidReliable ? "guid:" + item.guid()
                    : "hash:" + Hashing.sha256Hex(title + "\u0000" + text);
        }
        String contentHash = Hashing.sha256Hex(title + "\u0000" + (content == null ? "" : content));
        return new NormalizedEntry(Hashing.sha256Hex(canonical), canonical, item.link(), item.guid(),
                title.isEmpty() ? "(untitled)" : title, item.authors(), published, updated, missing, clamped,
                item.language(), distinctIgnoringCase(item.categories()), summary.isEmpty() ? null : summary,
                content, contentHash, ContentFingerprint.of(text), text);
    }

    /** Hostile or broken feeds send megabyte titles and thousands of tags; keep what fits the columns. */
    private static ParsedItem withinColumnLimits(ParsedItem item) {
        String link = item.link() != null && item.link().length() > MAX_URL ? null : HttpUrls.httpOrNull(item.link());
        String guid = item.guid() != null && item.guid().length() > MAX_GUID ? "sha256:" + Hashing.sha256Hex(item.guid()) : item.guid();
        String language = item.language() != null && item.language().length() > 35 ? null : item.language();
        return new ParsedItem(item.title(), link, guid, names(item.authors()), item.published(), item.updated(),
                item.publishedText(), item.updatedText(), item.contentHtml(), item.summaryHtml(),
                names(item.categories()), language, item.baseUri());
    }

    private static List<String> names(List<String> names) {
        return names.stream().limit(MAX_NAMES).map(n -> n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n).toList();
    }

    /** ROME reads some strings as absurd dates (a Unix timestamp as year -46916548): only 1991–2100 is believed. */
    private static Instant firstPlausible(Instant... candidates) {
        for (Instant candidate : candidates) {
            if (candidate != null && candidate.isAfter(WEB_BEGINS) && candidate.isBefore(FAR_FUTURE)) {
                return candidate;
            }
        }
        return null;
    }

    private static String firstWords(String text) {
        String[] words = text.split(" ");
        if (words.length <= UNTITLED_WORDS) {
            return text;
        }
        return String.join(" ", List.of(words).subList(0, UNTITLED_WORDS)) + "…";
    }

    private static List<String> distinctIgnoringCase(List<String> tags) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String tag : tags) {
            String clean = PlainText.title(tag);
            if (!clean.isEmpty()) {
                seen.putIfAbsent(clean.toLowerCase(Locale.ROOT), clean);
            }
        }
        return List.copyOf(seen.values());
    }
}
