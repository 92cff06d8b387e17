package dev.hallway.conference;

import java.time.Instant;
import java.util.List;

/**
 * Everything a post offers as evidence.
 *
 * @param text the post's plain text (only its opening is read)
 * @param hint the feed's {@code conference:} from feeds.yaml, or null
 */
public record ClassifierInput(String title, List<String> tags, String url, String text, String hint, Instant published) {
}
