package dev.hallway.parse;

import java.util.List;

/**
 * A feed as the source wrote it, before any cleaning: the only shape of ROME's output the rest of Hallway sees.
 *
 * @param hints how often the feed says it changes (ttl, sy:updatePeriod), as written
 */
public record ParsedFeed(String format, String title, String siteUrl, String language, List<ParsedItem> items,
                         PublisherHints hints) {

    public ParsedFeed(String format, String title, String siteUrl, String language, List<ParsedItem> items) {
        this(format, title, siteUrl, language, items, PublisherHints.NONE);
    }
}
