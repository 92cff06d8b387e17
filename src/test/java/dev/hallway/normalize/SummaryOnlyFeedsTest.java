package dev.hallway.normalize;

import dev.hallway.parse.ParsedItem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryOnlyFeedsTest {

    private static final Instant NOW = Instant.parse("2026-02-10T10:00:00Z");

    private static NormalizedEntry item(int n, String html) {
        return EntryNormalizer.normalize(new ParsedItem("Post " + n, "https://blog.example/p" + n, null, List.of(),
                NOW.minusSeconds(3600L * n), null, null, null, html, null, List.of(), null, null), NOW);
    }

    private static List<NormalizedEntry> items(String... bodies) {
        List<NormalizedEntry> items = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            items.add(item(i, bodies[i]));
        }
        return items;
    }

    @Test
    void everyItemAShortExcerptEndingInAnEllipsisIsSummaryOnly() {
        SummaryOnlyFeeds.Verdict v = SummaryOnlyFeeds.judge(items("<p>First words of the post […]</p>",
                "<p>Another opening [...]</p>", "<p>Short text…</p>", "<p>Old style...</p>"));
        assertTrue(v.summaryOnly(), v.note());
        assertTrue(v.note().contains("every one of the 4 items is a short excerpt"), v.note());
    }

    @Test
    void readMoreLinksAndTheWordPressFooterCountToo() {
        SummaryOnlyFeeds.Verdict v = SummaryOnlyFeeds.judge(items(
                "<p>An opening.</p><p><a href=\"https://blog.example/p0\">Continue reading →</a></p>",
                "<p>An opening.</p><a href=\"https://blog.example/p1\">Read more »</a>",
                "<p>Opening […]</p><p>The post <a href=\"https://blog.example/p2\">Post 2</a> appeared first on "
                        + "<a href=\"https://blog.example/\">Blog</a>.</p>"));
        assertTrue(v.summaryOnly(), v.note());
    }

    @Test
    void oneFullOrCompleteItemSaysNo() {
        String full = "<p>" + "A long paragraph of a full post. ".repeat(30) + "…</p>";
        assertFalse(SummaryOnlyFeeds.judge(items("<p>a…</p>", "<p>b…</p>", full)).summaryOnly());
        SummaryOnlyFeeds.Verdict complete = SummaryOnlyFeeds.judge(items("<p>a…</p>", "<p>b…</p>", "<p>A short post.</p>"));
        assertFalse(complete.summaryOnly());
        assertTrue(complete.note().contains("short but complete"), complete.note());
    }

    @Test
    void tooFewItemsSayNothing() {
        assertFalse(SummaryOnlyFeeds.judge(items("<p>a…</p>", "<p>b…</p>")).summaryOnly());
        assertFalse(SummaryOnlyFeeds.judge(List.of()).summaryOnly());
    }

    @Test
    void aLinkThatMerelyMentionsMoreIsNoReadMoreLink() {
        assertFalse(SummaryOnlyFeeds.hasReadMoreLink("<p><a href=\"https://x.example/\">more about caches</a></p>"));
        assertTrue(SummaryOnlyFeeds.hasReadMoreLink("<p><a href=\"https://x.example/\">[Read more…]</a></p>"));
    }
}
