package dev.hallway.entry;

import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.normalize.PlainText;

import java.net.URI;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which feed's copy of a post an entry shows when several feeds carry the same URL (a full-text blog and a
 * summary-only planet): the copy from the post's own site wins, else the fuller one; the feed whose copy is shown
 * updates it when the post is edited, and the other feeds' copies never overwrite it.
 */
final class PreferredCopy {

    private PreferredCopy() {
    }

    /** Whether the copy a feed just carried should replace the one the entry shows. */
    static boolean replaces(Entry entry, long sourceId, boolean fromSite, NormalizedEntry item) {
        long shown = entry.contentSourceId != null ? entry.contentSourceId : entry.sourceId;
        return replaces(shown, entry.contentFromSite, sourceId, fromSite, item, () -> entry.contentHtml);
    }

    /**
     * The same from the entry's shown copy: the feed it came from, whether from the post's own site, and its HTML,
     * asked for only when the fuller copy decides.
     */
    static boolean replaces(long shownSourceId, boolean shownFromSite, long sourceId, boolean fromSite,
                            NormalizedEntry item, Supplier<String> shownHtml) {
        if (shownSourceId == sourceId) {
            return true; // the feed whose copy this is: an edit of the post
        }
        if (fromSite != shownFromSite) {
            return fromSite;
        }
        return item.text().length() > PlainText.ofHtml(shownHtml.get()).length();
    }

    /** Whether a post's URL is on the site of the feed that carried it (hosts equal, case and {@code www.} aside). */
    static boolean fromSite(String siteUrl, String postUrl) {
        String site = host(siteUrl);
        return site != null && site.equals(host(postUrl));
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
