package dev.hallway.publish;

/**
 * Which entries a published feed holds.
 *
 * @param conference null for every entry; "*" for every conference report; else an edition or series slug
 * @param path       the feed's path (/feed.atom)
 * @param htmlPath   the page the feed belongs to (/)
 */
public record FeedScope(String key, String title, String subtitle, String conference, String path, String htmlPath) {

    static FeedScope all() {
        return new FeedScope("all", "Hallway", "Every post from every followed blog", null, "/feed.atom", "/");
    }

    static FeedScope reports() {
        return new FeedScope("reports", "Hallway — conference reports", "Posts written after attending a tech conference",
                "*", "/conferences/feed.atom", "/");
    }

    static FeedScope conference(String slug, String name) {
        return new FeedScope(conferenceKey(slug), "Hallway — " + name, "Reports on " + name, slug,
                "/conferences/" + slug + "/feed.atom", "/conferences/" + slug);
    }

    /** The key of {@link #conference}'s scope, known without looking the slug up. */
    static String conferenceKey(String slug) {
        return "conference:" + slug;
    }
}
