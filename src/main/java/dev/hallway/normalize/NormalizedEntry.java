package dev.hallway.normalize;

import java.time.Instant;
import java.util.List;

/**
 * A post ready to store.
 *
 * @param dedupeKey    SHA-256 of the canonical URL (or of the GUID or title+content when the item has no link)
 * @param canonicalUrl the canonical URL, or {@code guid:…} / {@code hash:…} for items without a link
 * @param dateMissing  the feed gave no readable date: published is the time we first saw it
 * @param dateClamped  the feed gave a date in the future: published is the fetch time
 * @param contentHash  changes when the title or body changes
 * @param fingerprint  SimHash of the text ({@link ContentFingerprint}), 0 for short texts
 * @param text         plain text of contentHtml (what the classifier reads; not stored)
 */
public record NormalizedEntry(String dedupeKey, String canonicalUrl, String url, String guid, String title,
                              List<String> authors, Instant published, Instant updated, boolean dateMissing,
                              boolean dateClamped, String language, List<String> tags, String summary,
                              String contentHtml, String contentHash, long fingerprint, String text) {
}
