package dev.hallway.support;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkippedTestsSummaryTest {

    @Test
    void skippedTestsAreListedByReasonWithHowToInstallTheMissingTools() {
        Map<String, String> skipped = new TreeMap<>(Map.of(
                "FeedReadersIT.feedparserAndNewsboatReadEveryFeedWithoutAWarning", "python3-feedparser not installed",
                "FeedCorpusTest.a", "feedparser corpus not found at /x", "FeedCorpusTest.b", "feedparser corpus not found at /x",
                "FeedCorpusTest.c", "feedparser corpus not found at /x", "FeedCorpusTest.d", "feedparser corpus not found at /x"));

        String summary = SkippedTestsSummary.render(skipped, List.of("SubscribeFormBrowserIT: ./mvnw verify -Pbrowser"));

        assertTrue(summary.contains("[SKIPPED TESTS] 5 tests skipped or aborted"), summary);
        assertTrue(summary.contains("  - python3-feedparser not installed: FeedReadersIT.feedparserAndNewsboatReadEveryFeedWithoutAWarning\n"), summary);
        assertTrue(summary.contains("  - feedparser corpus not found at /x: 4 tests (FeedCorpusTest.a, FeedCorpusTest.b, FeedCorpusTest.c, …)\n"), summary);
        assertTrue(summary.contains(SkippedTestsSummary.INSTALL), summary);
        assertTrue(summary.contains("Not run by this command:\n  - SubscribeFormBrowserIT: ./mvnw verify -Pbrowser\n"), summary);
    }

    @Test
    void aRunWhereEverythingRanSaysNothing() {
        assertEquals("", SkippedTestsSummary.render(Map.of(), List.of()));
    }
}
