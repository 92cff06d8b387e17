package dev.hallway.parse;

import java.util.List;

/**
 * A feed as the source wrote it, before any cleaning: the only shape of ROME's output the rest of Hallway sees.
 *
 * @param hubs  the WebSub hubs the feed advertises ({@code <link rel="hub">}, or atom:link in an RSS channel)
 * @param self  the feed's own URL as it says ({@code rel="self"}), or null: the topic a hub knows it by
 * @param hints how often the feed says it changes (ttl, sy:updatePeriod), as written
 */
public record ParsedFeed(String format, String title, String siteUrl, String language, List<ParsedItem> items,
                         List<String> hubs, String self, PublisherHints hints) {

    public ParsedFeed(String format, String title, String siteUrl, String language, List<ParsedItem> items) {
        this(format, title, siteUrl, language, items, List.of(), null, PublisherHints.NONE);
    }
}
