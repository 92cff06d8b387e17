package dev.hallway.conference;

/**
 * A series named in one field of a post, with the edition written next to it if any.
 *
 * @param text the words as they appear in the post ("FOSDEM'20", "2023 Percona Live")
 */
record Mention(ConferenceSeries series, Field field, String text, Edition edition) {

    /** Where in a post a name was found; earlier fields weigh more. */
    enum Field {
        TITLE, TAG, SLUG, LEAD, HINT
    }
}
