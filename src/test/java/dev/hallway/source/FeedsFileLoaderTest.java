package dev.hallway.source;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedsFileLoaderTest {

    private final FeedsFileLoader loader = new FeedsFileLoader(Duration.ofMinutes(30), FeedsFileSection.ANY);

    private FeedsFileException refused(String yaml) {
        return assertThrows(FeedsFileException.class, () -> loader.parse("feeds.yaml", yaml));
    }

    @Test
    void readsTheDocumentedShape() {
        FeedsConfig config = loader.parse("feeds.yaml", """
                defaults:
                  interval: 45m
                feeds:
                  - url: https://example.org/feed.xml
                    name: Example blog
                    tags: [databases, rust]
                    conference: FOSDEM
                    interval: 2h
                  - url: http://other.example/atom.xml
                conferences: []
                """);
        assertEquals(Duration.ofMinutes(45), config.defaultInterval());
        assertEquals(2, config.feeds().size());
        FeedsConfig.FeedSpec first = config.feeds().get(0);
        assertEquals("https://example.org/feed.xml", first.url());
        assertEquals("Example blog", first.name());
        assertEquals(List.of("databases", "rust"), first.tags());
        assertEquals("FOSDEM", first.conference());
        assertEquals(Duration.ofHours(2), first.interval());
        assertTrue(first.enabled());
        FeedsConfig.FeedSpec second = config.feeds().get(1);
        assertNull(second.name());
        assertEquals(Duration.ofMinutes(45), second.interval(), "a feed without interval takes the default");
    }

    @Test
    void acceptsIntervalsInShortAndIsoForms() {
        assertEquals(Duration.ofMinutes(30), Intervals.parse("30m"));
        assertEquals(Duration.ofMinutes(30), Intervals.parse("PT30M"));
        assertEquals(Duration.ofMinutes(90), Intervals.parse("1h30m"));
        assertEquals(Duration.ofDays(1), Intervals.parse("1d"));
        assertEquals(Duration.ofSeconds(45), Intervals.parse("45s"));
        assertThrows(IllegalArgumentException.class, () -> Intervals.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> Intervals.parse("0m"));
        assertThrows(IllegalArgumentException.class, () -> Intervals.parse("30"));
    }

    @Test
    void malformedYamlIsRefusedWithLineAndColumn() {
        FeedsFileException e = refused("""
                feeds:
                  - url: "https://example.org/feed.xml
                    name: unclosed quote
                """);
        assertTrue(e.line() >= 3, e.getMessage());
        assertTrue(e.getMessage().startsWith("feeds.yaml:" + e.line() + ":" + e.column() + ": not valid YAML"), e.getMessage());
    }

    @Test
    void duplicateUrlIsRefusedAtTheSecondListingNamingTheFirst() {
        FeedsFileException e = refused("""
                feeds:
                  - url: https://example.org/feed.xml
                  - url: https://other.example/feed
                  - url: HTTPS://Example.org:443/feed.xml
                """);
        assertEquals(4, e.line());
        assertEquals(10, e.column());
        assertTrue(e.problem().contains("duplicate feed url") && e.problem().contains("line 2"), e.getMessage());
    }

    @Test
    void feedUrlsAreComparedByTheirCanonicalForm() {
        FeedsFileException e = refused("""
                feeds:
                  - url: http://example.org/feed/?utm_source=x
                  - url: https://www.example.org/feed
                """);
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("duplicate feed url"), e.getMessage());
    }

    @Test
    void nonHttpUrlIsRefused() {
        FeedsFileException e = refused("""
                feeds:
                  - url: https://example.org/feed.xml
                  - url: ftp://example.org/feed.xml
                """);
        assertEquals(3, e.line());
        assertTrue(e.problem().contains("http:// or https://"), e.getMessage());
        assertEquals(3, refused("feeds:\n  - url: https://example.org/\n  - url: file:///etc/passwd\n").line());
    }

    @Test
    void feedWithoutUrlIsRefused() {
        FeedsFileException e = refused("feeds:\n  - name: No address\n");
        assertEquals(2, e.line());
        assertTrue(e.problem().contains("no url"), e.getMessage());
    }

    @Test
    void unknownKeyIsRefusedWithItsPlaceAndTheAllowedKeys() {
        FeedsFileException e = refused("""
                feeds:
                  - url: https://example.org/feed.xml
                    intervall: 2h
                """);
        assertEquals(3, e.line());
        assertEquals(5, e.column());
        assertTrue(e.problem().contains("unknown key 'intervall'") && e.problem().contains("interval"), e.getMessage());

        FeedsFileException top = refused("feed:\n  - url: https://example.org/\n");
        assertEquals(1, top.line());
        assertTrue(top.problem().contains("unknown key 'feed'"), top.getMessage());
    }

    @Test
    void duplicateKeyIsRefused() {
        FeedsFileException e = refused("""
                feeds:
                  - url: https://example.org/feed.xml
                    url: https://example.org/other.xml
                """);
        assertEquals(3, e.line());
    }

    @Test
    void badIntervalIsRefusedAtItsLine() {
        FeedsFileException e = refused("""
                defaults:
                  interval: 30m
                feeds:
                  - url: https://example.org/feed.xml
                    interval: often
                """);
        assertEquals(5, e.line());
        assertTrue(e.problem().contains("invalid interval 'often'"), e.getMessage());
    }

    @Test
    void emptyFileAndWrongShapesAreRefused() {
        assertTrue(refused("").problem().contains("empty"));
        assertTrue(refused("- just a list\n").problem().contains("wrong type"));
        assertEquals(1, refused("feeds: 12\n").line());
    }

    @Test
    void missingFileIsRefusedWithItsPath() {
        FeedsFileException e = assertThrows(FeedsFileException.class,
                () -> loader.load(java.nio.file.Path.of("target/does-not-exist.yaml")));
        assertTrue(e.problem().contains("file not found"), e.getMessage());
    }

    @Test
    void theShippedFeedsFileIsValid() { // its conferences: part is checked in CatalogueSectionTest
        FeedsConfig config = loader.load(java.nio.file.Path.of("feeds.yaml"));
        assertTrue(config.feeds().size() >= 8);
        assertFalse(config.feeds().stream().anyMatch(f -> !f.url().startsWith("https://")));
    }

    @Test
    void fulltextIsOnOffOrLeftToDetection() {
        FeedsConfig config = loader.parse("feeds.yaml", """
                feeds:
                  - url: https://on.example/feed.xml
                    fulltext: true
                  - url: https://off.example/feed.xml
                    fulltext: false
                  - url: https://detect.example/feed.xml
                """);
        assertEquals(Boolean.TRUE, config.feeds().get(0).fullText());
        assertEquals(Boolean.FALSE, config.feeds().get(1).fullText());
        assertNull(config.feeds().get(2).fullText(), "not set: detection decides");
        FeedsConfig without = loader.parse("feeds.yaml", "feeds:\n  - url: https://detect.example/feed.xml\n");
        assertEquals(config.feeds().get(2).fingerprint(), without.feeds().get(0).fingerprint());
        assertTrue(!config.feeds().get(0).fingerprint().equals(loader.parse("feeds.yaml",
                "feeds:\n  - url: https://on.example/feed.xml\n").feeds().get(0).fingerprint()), "an edit of fulltext: is an edit");

        FeedsFileException e = refused("feeds:\n  - url: https://x.example/feed.xml\n    fulltext: sometimes\n");
        assertTrue(e.getMessage().startsWith("feeds.yaml:3:15: wrong type in 'feeds[0].fulltext'"), e.getMessage());
    }
}
