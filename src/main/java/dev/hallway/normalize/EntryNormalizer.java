package dev.hallway.normalize;

import dev.hallway.common.Hashing;
import dev.hallway.parse.ParsedItem;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a raw feed item into the entry we store: canonical URL, clean title, UTC dates, safe HTML, summary. */
public final class EntryNormalizer {

    static final int SUMMARY_LENGTH = 300;
    private static final int UNTITLED_WORDS = 10;

    private EntryNormalizer() {
    }

    /** @param fetchedAt when the feed was fetched: the date of undated items and the ceiling for future ones */
    public static NormalizedEntry normalize(ParsedItem item, Instant fetchedAt) {
        String content = HtmlSanitizer.sanitize(item.contentHtml() != null ? item.contentHtml() : item.summaryHtml(),
                item.baseUri());
        String text = PlainText.ofHtml(content);
        String title = PlainText.title(item.title());
        if (title.isEmpty()) {
            title = firstWords(text);
        }
        String summarySource = item.summaryHtml() != null ? PlainText.ofHtml(item.summaryHtml()) : "";
        String summary = PlainText.truncate(summarySource.isEmpty() ? text : summarySource, SUMMARY_LENGTH);

        Instant published = item.published() != null ? item.published() : item.updated();
        boolean missing = published == null;
        boolean clamped = false;
        if (missing) {
            published = fetchedAt;
        } else if (published.isAfter(fetchedAt)) {
            published = fetchedAt;
            clamped = true;
        }
        Instant updated = item.updated() != null && !item.updated().isAfter(fetchedAt) && item.updated().isAfter(published)
                ? item.updated() : published;

        String canonical = CanonicalUrl.of(item.link());
        if (canonical == null) {
            canonical = item.guid() != null ? "guid:" + item.guid()
                    : "hash:" + Hashing.sha256Hex(title + "\u0000" + text);
        }
        String contentHash = Hashing.sha256Hex(title + "\u0000" + (content == null ? "" : content));
        return new NormalizedEntry(Hashing.sha256Hex(canonical), canonical, item.link(), item.guid(),
                title.isEmpty() ? "(untitled)" : title, item.authors(), published, updated, missing, clamped,
                item.language(), distinctIgnoringCase(item.categories()), summary.isEmpty() ? null : summary,
                content, contentHash);
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
