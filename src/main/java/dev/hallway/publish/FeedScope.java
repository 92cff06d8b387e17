package dev.hallway.publish;

/**
 * Which entries a published feed holds.
 *
 * @param conference null for every entry; "*" for every conference report; else an edition or series slug
 * @param stem       the feed's path without its format's extension (/feed: /feed.atom, /feed.json)
 * @param htmlPath   the page the feed belongs to (/)
 */
public record FeedScope(String key, String title, String subtitle, String conference, String stem, String htmlPath) {

    static FeedScope all() {
        return new FeedScope("all", "Hallway", "Every post from every followed blog", null, "/feed", "/");
    }

    static FeedScope reports() {
        return new FeedScope("reports", "Hallway — conference reports", "Posts written after attending a tech conference",
                "*", "/conferences/feed", "/");
    }

    static FeedScope conference(String slug, String name) {
        return new FeedScope(conferenceKey(slug), "Hallway — " + name, "Reports on " + name, slug,
                "/conferences/" + slug + "/feed", "/conferences/" + slug);
    }

    /** The key of {@link #conference}'s scope, known without looking the slug up. */
    static String conferenceKey(String slug) {
        return "conference:" + slug;
    }

    /** The feed's path in a format: /feed.atom. */
    String path(FeedFormat format) {
        return stem + format.extension;
    }

    /** The absolute URL of a page of the feed in a format, as both formats link to it (page 1 has no ?page). */
    String pageUrl(String baseUrl, FeedFormat format, int page) {
        return baseUrl + path(format) + (page > 1 ? "?page=" + page : "");
    }
}
