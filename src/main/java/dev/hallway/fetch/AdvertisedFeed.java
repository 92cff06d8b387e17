package dev.hallway.fetch;

/**
 * One feed a page advertises with {@code <link rel="alternate" type="…">}.
 *
 * @param secondary why it is not the blog's main feed ("comments", "category, tag or author"), or null when it may be
 */
public record AdvertisedFeed(String url, Kind kind, String title, String secondary) {

    /** The advertised formats, most preferred first. */
    public enum Kind {
        ATOM("Atom"), RSS("RSS"), XML("XML"), JSON("JSON Feed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** {@code https://example.org/feed/ (RSS, "Example » Comments Feed")} */
    public String describe() {
        return url + " (" + kind.label() + (title == null ? "" : ", \"" + title + "\"") + ")";
    }
}
