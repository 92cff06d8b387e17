package dev.hallway.source;

import java.util.List;

/**
 * One feed of an OPML subscription list.
 *
 * @param title the outline's title (or text), or null
 * @param tags  its folders, outermost first, and its {@code category} attribute
 * @param line  where its outline is in the OPML file
 */
record OpmlFeed(String url, String title, List<String> tags, int line) {
}
