package dev.hallway.parse;

import java.util.List;

/** A feed as the source wrote it, before any cleaning: the only shape of ROME's output the rest of Hallway sees. */
public record ParsedFeed(String format, String title, String siteUrl, String language, List<ParsedItem> items) {
}
