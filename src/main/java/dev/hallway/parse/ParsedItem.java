package dev.hallway.parse;

import java.time.Instant;
import java.util.List;

/**
 * One item of a feed, raw.
 *
 * @param link        the post's link, in order of preference: feedburner:origLink, link, Atom alternate, permalink guid
 * @param guid        the item's guid / Atom id
 * @param contentHtml the fullest body (content:encoded, Atom content), HTML
 * @param summaryHtml the description / Atom summary, HTML
 * @param published   null when ROME could not read the feed's date
 * @param publishedText the date as written, for a second, more lenient reading
 * @param baseUri     what relative links in this item resolve against
 */
public record ParsedItem(String title, String link, String guid, List<String> authors, Instant published,
                         Instant updated, String publishedText, String updatedText, String contentHtml, String summaryHtml, List<String> categories,
                         String language, String baseUri) {
}
