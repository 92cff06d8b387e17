package dev.hallway.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OPML import command on real readers' exports (src/test/resources/opml), against feeds.yaml files on disk. */
class OpmlImportTest {

    private static final FeedsFileLoader LOADER = new FeedsFileLoader(Duration.ofMinutes(30), FeedsFileSection.ANY);

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        try {
            return Path.of(OpmlImportTest.class.getResource("/opml/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run importInto(Path opml, Path feeds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = OpmlImport.run(new String[]{opml.toString(), feeds.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, FeedsConfig.FeedSpec> feedsIn(Path feeds) {
        return LOADER.load(feeds).feeds().stream().collect(Collectors.toMap(FeedsConfig.FeedSpec::url, Function.identity()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            miniflux.opml    | 4 | https://www.percona.com/blog/feed/             | Percona Database Performance Blog | Conferences
            miniflux.opml    | 4 | https://jvns.ca/atom.xml                       | Julia Evans                       |
            freshrss.opml    | 4 | https://drewdevault.com/blog/index.xml         | Drew DeVault's blog               | Linux
            freshrss.opml    | 4 | https://www.kielux.de/                         | Kielux Blog                       | Linux
            feedly.opml      | 4 | https://martinfowler.com/feed.atom             | Martin Fowler                     | Tech
            feedly.opml      | 4 | https://simonwillison.net/atom/everything/     | Simon Willison's Weblog           |
            netnewswire.opml | 4 | https://www.swiftbysundell.com/rss             | Swift by Sundell                  | Swift
            inoreader.opml   | 4 | https://hnrss.org/frontpage                    | 'Hacker News: Front Page'         |
            inoreader.opml   | 4 | https://www.usenix.org/blog/feed               | USENIX Blog                       | Conferences
            """)
    void eachReadersExportBecomesFeedsWithTheirFoldersAsTags(String export, int count, String url, String name, String tag) {
        Path feeds = dir.resolve("feeds.yaml");

        Run run = importInto(fixture(export), feeds);

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains(count + " feeds added"), run.out());
        Map<String, FeedsConfig.FeedSpec> imported = feedsIn(feeds);
        assertEquals(count, imported.size(), imported.keySet().toString());
        FeedsConfig.FeedSpec feed = imported.get(url);
        assertEquals(name, feed.name());
        assertEquals(tag == null ? List.of() : List.of(tag), feed.tags(), "catch-all folders (All, Uncategorized) are no tag");
    }

    @Test
    void importMergesIntoAnExistingFeedsYamlKeepingEveryLineAsWritten() throws IOException {
        String existing = """
                # Hallway's feeds — edited by hand
                defaults:
                  interval: 30m   # poll every half hour

                feeds:
                  # the blogs we always followed
                  - url: https://jvns.ca/atom.xml   # Julia
                    tags: [linux]

                  # - url: https://old.example/feed  (commented out, stays so)

                conferences:
                  - slug: kielux
                    name: Kielux
                    editions: year
                """;
        Path feeds = dir.resolve("feeds.yaml");
        Files.writeString(feeds, existing);

        Run run = importInto(fixture("miniflux.opml"), feeds);

        assertEquals(0, run.status(), run.err());
        String merged = Files.readString(feeds);
        String[] before = existing.split("\n"), after = merged.split("\n");
        int at = 0;
        for (String line : before) { // every original line, in its order, nothing between changed
            while (at < after.length && !after[at].equals(line)) {
                at++;
            }
            assertTrue(at < after.length, "line lost or changed: " + line + "\n" + merged);
        }
        assertTrue(merged.indexOf("- url: https://planet.postgresql.org/rss20.xml") < merged.indexOf("conferences:"),
                "new feeds go under feeds:, before conferences:\n" + merged);
        assertTrue(merged.contains("  # imported from miniflux.opml on "), merged);
        assertTrue(merged.contains("    tags: [\"Databases & storage\"]"), merged);
        Map<String, FeedsConfig.FeedSpec> all = feedsIn(feeds);
        assertEquals(4, all.size(), all.keySet().toString());
        assertEquals(List.of("linux"), all.get("https://jvns.ca/atom.xml").tags(), "an existing entry is left alone");
        assertTrue(run.out().contains("skipped https://jvns.ca/atom.xml (line 9): already in " + feeds + " as https://jvns.ca/atom.xml"),
                run.out());
        assertEquals(1, LOADER.load(feeds).conferences().size(), "the conferences part is still there");
    }

    @Test
    void theSameFeedUnderAnotherSpellingIsSkippedAndReported() throws IOException {
        Path feeds = dir.resolve("feeds.yaml");
        Files.writeString(feeds, "feeds:\n  - url: https://www.example.org/feed/\n");
        Path opml = dir.resolve("dupes.opml");
        Files.writeString(opml, """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>dupes</title></head><body>
                <outline text="a" xmlUrl="http://example.org/feed"/>
                <outline text="b" xmlUrl="https://example.org/feed/"/>
                <outline text="c" xmlUrl="HTTPS://WWW.EXAMPLE.ORG/feed?utm_source=opml"/>
                <outline text="new" xmlUrl="https://new.example/feed/"/>
                <outline text="new again" xmlUrl="http://www.new.example/feed"/>
                <outline text="not a feed URL" xmlUrl="javascript:alert(1)"/>
                </body></opml>
                """);

        Run run = importInto(opml, feeds);

        assertEquals(0, run.status(), run.err());
        assertEquals(List.of("https://www.example.org/feed/", "https://new.example/feed/"),
                LOADER.load(feeds).feeds().stream().map(FeedsConfig.FeedSpec::url).toList());
        assertTrue(run.out().contains("1 feed added"), run.out());
        for (String skipped : List.of("http://example.org/feed (line 3): already in", "https://example.org/feed/ (line 4): already in",
                "HTTPS://WWW.EXAMPLE.ORG/feed?utm_source=opml (line 5): already in",
                "http://www.new.example/feed (line 7): listed twice in the OPML file (first at line 6)",
                "javascript:alert(1) (line 8): not an http(s) URL")) {
            assertTrue(run.out().contains("skipped " + skipped), run.out());
        }

        Run again = importInto(opml, feeds);
        assertTrue(again.out().contains("0 feeds added"), again.out());
    }

    @Test
    void aBrokenOpmlFileIsRefusedWithItsLineAndFeedsYamlIsLeftAlone() throws IOException {
        Path feeds = dir.resolve("feeds.yaml");
        Files.writeString(feeds, "feeds: []  # nothing yet\n");

        Run run = importInto(fixture("broken.opml"), feeds);

        assertEquals(1, run.status());
        assertTrue(run.err().startsWith(fixture("broken.opml") + ":8:"), run.err());
        assertTrue(run.err().contains("not well-formed OPML") && run.err().contains("outline"), run.err());
        assertEquals("feeds: []  # nothing yet\n", Files.readString(feeds));
    }

    @Test
    void aFileThatIsNotOpmlOrHasADoctypeIsRefused() throws IOException {
        Path rss = dir.resolve("feed.xml");
        Files.writeString(rss, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n");
        assertTrue(importInto(rss, dir.resolve("a.yaml")).err().contains(":2:"));
        assertTrue(importInto(rss, dir.resolve("a.yaml")).err().contains("not an OPML file: the root element is <rss>"));

        Path xxe = dir.resolve("xxe.opml");
        Files.writeString(xxe, "<?xml version=\"1.0\"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<opml version=\"2.0\"><body><outline text=\"&x;\" xmlUrl=\"https://a.example/feed\"/></body></opml>\n");
        Run run = importInto(xxe, dir.resolve("b.yaml"));
        assertEquals(1, run.status());
        assertTrue(run.err().contains(":2:") && run.err().contains("DOCTYPE"), run.err());
        assertTrue(Files.notExists(dir.resolve("b.yaml")));
    }

    @Test
    void namesAndTagsThatYamlWouldMisreadAreQuotedAndCategoriesBecomeTags() throws IOException {
        Path opml = dir.resolve("odd.opml");
        Files.writeString(opml, """
                <?xml version="1.0"?>
                <opml version="2.0"><body>
                <outline text="yes"><outline text="no: really #1" xmlUrl="https://odd.example/feed" category="/Tech/C++,2024, on "/></outline>
                <outline text="Quote &quot;me&quot; \\ [x]" xmlUrl="https://odd2.example/feed"/>
                </body></opml>
                """);
        Path feeds = dir.resolve("feeds.yaml");

        assertEquals(0, importInto(opml, feeds).status());

        Map<String, FeedsConfig.FeedSpec> imported = feedsIn(feeds);
        assertEquals("no: really #1", imported.get("https://odd.example/feed").name());
        assertEquals(List.of("yes", "Tech", "C++", "2024", "on"), imported.get("https://odd.example/feed").tags());
        assertEquals("Quote \"me\" \\ [x]", imported.get("https://odd2.example/feed").name());
    }

    @Test
    void feedsWrittenAsAFlowListAreRefusedRatherThanRewritten() throws IOException {
        Path feeds = dir.resolve("feeds.yaml");
        String flow = "feeds: [{url: https://a.example/feed}]\n";
        Files.writeString(feeds, flow);

        Run run = importInto(fixture("feedly.opml"), feeds);

        assertEquals(1, run.status());
        assertTrue(run.err().contains("flow list"), run.err());
        assertEquals(flow, Files.readString(feeds));
    }

    @Test
    void aMissingFeedsYamlIsCreated() {
        Path feeds = dir.resolve("new/feeds.yaml");
        assertEquals(0, importInto(fixture("netnewswire.opml"), feeds).status());
        assertEquals(4, feedsIn(feeds).size());
        assertThrows(FeedsFileException.class, () -> OpmlFile.read(dir.resolve("absent.opml")));
    }
}
