package dev.hallway.parse;

import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.PlainText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Runs every feed of the Universal Feed Parser's test suite ({@code ../shared/corpora/feedparser}, described in
 * {@code ../shared/README.md}) through {@link FeedParser}:
 * <ol>
 *   <li>nothing but {@link FeedParseException} escapes, whatever the file;</li>
 *   <li>a well-formed feed whose expectation names {@code entries[N]} parses and has at least N+1 items;</li>
 *   <li>an expected {@code entries[N]['title']} / {@code feed['title']} equals ours, both as plain text.</li>
 * </ol>
 * Skipped when the corpus is not there.
 */
public class FeedCorpusTest {

    private static final String CDF = "Microsoft CDF (Channel Definition Format), not RSS/Atom: ROME cannot read it";
    private static final String NOT_ATOM_NAMESPACE =
            "<feed> outside the Atom 0.3/1.0 namespaces (none, or a 2003 draft's): ROME recognises Atom by namespace";
    private static final String ITEM_IN_ATOM = "<item> instead of <entry> in an Atom feed";
    private static final String NO_CHANNEL = "<item> directly under <rss>, no <channel>";
    private static final String BASE64_TITLE =
            "base64 title (type=application/octet-stream): Atom 1.0 titles are text, html or xhtml";
    private static final String SCRIPT_TEXT = "feedparser keeps the text of a removed <script>; we drop it";

    /**
     * Well-formed corpus cases that are not RSS or Atom as ROME reads them, so no items or titles are expected.
     * They still must not crash (1); (2) and (3) skip them. A key ending in '/' covers a directory.
     */
    static final Map<String, String> OUT_OF_SCOPE = Map.ofEntries(
            Map.entry("wellformed/cdf/", CDF),
            Map.entry("wellformed/base/cdf_item_abstract_xml_base.xml", CDF),
            Map.entry("wellformed/atom/atom_namespace_2.xml", NOT_ATOM_NAMESPACE),
            Map.entry("wellformed/atom/atom_namespace_3.xml", NOT_ATOM_NAMESPACE),
            Map.entry("wellformed/atom/atom_namespace_4.xml", NOT_ATOM_NAMESPACE),
            Map.entry("wellformed/atom/atom_namespace_5.xml", NOT_ATOM_NAMESPACE),
            Map.entry("wellformed/atom10/entry_id_with_attributes.xml", NOT_ATOM_NAMESPACE),
            Map.entry("wellformed/psc/atomsimplechapterexternal.xml", NOT_ATOM_NAMESPACE),
            Map.entry("wellformed/base/http_entry_contributor_url_base_content_location.xml", ITEM_IN_ATOM),
            Map.entry("wellformed/base/http_entry_contributor_url_base_docuri.xml", ITEM_IN_ATOM),
            Map.entry("wellformed/namespace/unknown-namespace.xml", ITEM_IN_ATOM),
            Map.entry("wellformed/rss/item_description_not_a_doctype.xml", NO_CHANNEL),
            Map.entry("wellformed/rss/item_description_not_a_doctype2.xml", NO_CHANNEL),
            Map.entry("wellformed/itunes/itunes_core_element_uppercase.xml",
                    "<TiTlE>: XML names are case-sensitive (feedparser mimics iTunes)"),
            Map.entry("wellformed/atom10/entry_title_base64.xml", BASE64_TITLE),
            Map.entry("wellformed/atom10/entry_title_base64_2.xml", BASE64_TITLE),
            Map.entry("wellformed/atom10/feed_title_base64.xml", BASE64_TITLE),
            Map.entry("wellformed/atom10/feed_title_base64_2.xml", BASE64_TITLE));

    /** Title expectations Hallway deliberately does not meet; (3) skips them, (1) and (2) still apply. */
    static final Map<String, String> TITLE_DIFFERS_BY_DESIGN = Map.of(
            "wellformed/sanitize/entry_title_crazy.xml", SCRIPT_TEXT,
            "wellformed/sanitize/feed_title_crazy.xml", SCRIPT_TEXT,
            "wellformed/sanitize/xml_malicious_comment.xml",
            "'<!-- -- x >' never closes under HTML5 rules, as in browsers; feedparser ends the comment at '>'");

    private static final AtomicInteger files = new AtomicInteger();
    private static final AtomicInteger parsed = new AtomicInteger();
    private static final AtomicInteger notAFeed = new AtomicInteger();
    private static final AtomicInteger outOfScope = new AtomicInteger();
    private static final AtomicInteger titleChecks = new AtomicInteger();
    private static final AtomicInteger titlesPassed = new AtomicInteger();
    private static final AtomicInteger titlesUnchecked = new AtomicInteger();

    private final FeedParser parser = new FeedParser();

    @TestFactory
    Stream<DynamicContainer> everyCorpusFeed() {
        Corpus corpus = Corpus.open();
        return Corpus.FEED_DIRECTORIES.stream().map(directory -> dynamicContainer(directory,
                corpus.casesUnder(directory).map(this::testOf)));
    }

    @AfterAll
    static void printSummary() {
        System.out.printf("FeedCorpusTest: %d files, %d parsed, %d failed as not a feed, %d out of scope;"
                        + " title checks %d/%d passed (%d not checked: feed not parsed)%n",
                files.get(), parsed.get(), notAFeed.get(), outOfScope.get(), titlesPassed.get(), titleChecks.get(),
                titlesUnchecked.get());
    }

    private DynamicTest testOf(CorpusCase corpusCase) {
        return dynamicTest(corpusCase.path(), () -> check(corpusCase));
    }

    private void check(CorpusCase corpusCase) {
        files.incrementAndGet();
        Outcome outcome = parse(corpusCase); // (1): any other exception fails this test
        if (reason(OUT_OF_SCOPE, corpusCase.path()) != null) {
            outOfScope.incrementAndGet();
            return;
        }
        Set<String> problems = new LinkedHashSet<>();
        checkEntryCount(corpusCase, outcome, problems);
        if (reason(TITLE_DIFFERS_BY_DESIGN, corpusCase.path()) == null) {
            checkTitles(corpusCase, outcome, problems);
        }
        if (!problems.isEmpty()) {
            fail(corpusCase.path() + " — " + corpusCase.description() + " (expect: " + corpusCase.expect() + ")\n  "
                    + String.join("\n  ", problems));
        }
    }

    private Outcome parse(CorpusCase corpusCase) {
        try {
            ParsedFeed feed = parser.parse(corpusCase.bytes(), corpusCase.contentType(), corpusCase.feedUrl());
            parsed.incrementAndGet();
            return new Outcome(feed, null);
        } catch (FeedParseException e) {
            notAFeed.incrementAndGet();
            return new Outcome(null, e.getMessage());
        } catch (RuntimeException e) {
            return fail(corpusCase.path() + ": FeedParser let " + e + " escape", e);
        }
    }

    /** (2) */
    private static void checkEntryCount(CorpusCase corpusCase, Outcome outcome, Set<String> problems) {
        int highest = corpusCase.highestEntryIndex();
        if (!corpusCase.isWellformed() || highest < 0) {
            return;
        }
        if (outcome.feed() == null) {
            problems.add("well-formed feed not parsed: " + outcome.error());
        } else if (outcome.feed().items().size() <= highest) {
            problems.add("expected at least " + (highest + 1) + " entries, got " + outcome.feed().items().size());
        }
    }

    /** (3) */
    private static void checkTitles(CorpusCase corpusCase, Outcome outcome, Set<String> problems) {
        Map<String, List<String>> expectedBySubject = Expect.titlesBySubject(corpusCase.expect());
        for (Map.Entry<String, List<String>> expected : expectedBySubject.entrySet()) {
            titleChecks.incrementAndGet();
            if (outcome.feed() == null) {
                if (corpusCase.isWellformed()) {
                    problems.add("well-formed feed not parsed: " + outcome.error());
                } else {
                    titlesUnchecked.incrementAndGet();
                }
                continue;
            }
            String ours = ourTitle(outcome.feed(), expected.getKey());
            List<String> acceptable = expected.getValue().stream().map(PlainText::title).toList();
            boolean matches = Expect.isDisjunction(corpusCase.expect())
                    ? acceptable.contains(ours)
                    : acceptable.stream().allMatch(value -> value.equals(ours));
            if (matches) {
                titlesPassed.incrementAndGet();
            } else {
                problems.add(expected.getKey() + " title: expected " + quoted(acceptable) + ", got "
                        + (ours == null ? "no such entry" : quoted(ours))
                        + " (as written: " + quoted(expected.getValue()) + ")");
            }
        }
    }

    /** Our plain-text title for {@code feed} or {@code entries[N]}; null when there is no such entry. */
    private static String ourTitle(ParsedFeed feed, String subject) {
        if (subject.equals("feed")) {
            return PlainText.title(feed.title());
        }
        int index = Expect.entryIndex(subject);
        return index < feed.items().size() ? entryTitle(feed.items().get(index)) : null;
    }

    /**
     * The normalized title of an item, or "" when its title has no text: the normalizer then gives it a stand-in
     * (its first words, or "(untitled)") by design, where feedparser expects an empty title.
     */
    public static String entryTitle(ParsedItem item) {
        return PlainText.title(item.title()).isEmpty() ? "" : EntryNormalizer.normalize(item, Instant.now()).title();
    }

    private static String reason(Map<String, String> exclusions, String path) {
        for (Map.Entry<String, String> exclusion : exclusions.entrySet()) {
            String key = exclusion.getKey();
            if (key.endsWith("/") ? path.startsWith(key) : path.equals(key)) {
                return exclusion.getValue();
            }
        }
        return null;
    }

    private static String quoted(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }

    private record Outcome(ParsedFeed feed, String error) {
    }

    /** The corpus on disk and its MANIFEST.tsv. Shared with the sanitizer's corpus test. */
    public static final class Corpus {

        public static final Path ROOT = Path.of("../shared/corpora/feedparser");
        static final List<String> FEED_DIRECTORIES = List.of("wellformed", "illformed", "encoding", "entities");

        private final Map<String, ManifestRow> manifest;

        private Corpus(Map<String, ManifestRow> manifest) {
            this.manifest = manifest;
        }

        /** The corpus, or an aborted (skipped) test when it is not checked out next to the project. */
        public static Corpus open() {
            assumeTrue(Files.isDirectory(ROOT), "feedparser corpus not found at " + ROOT.toAbsolutePath().normalize());
            return new Corpus(readManifest(ROOT.resolve("MANIFEST.tsv")));
        }

        /** Every file under {@code directory} (relative to the corpus), in path order. */
        public Stream<CorpusCase> casesUnder(String directory) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(directory))) {
                return walk.filter(Files::isRegularFile)
                        .map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                        .sorted()
                        .map(this::caseOf)
                        .toList()
                        .stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private CorpusCase caseOf(String path) {
            ManifestRow row = manifest.getOrDefault(path, new ManifestRow("", "", ""));
            return new CorpusCase(ROOT.resolve(path), path, row.headers(), row.description(), row.expect());
        }

        private static Map<String, ManifestRow> readManifest(Path tsv) {
            try {
                List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
                List<String> header = tsvFields(lines.get(0));
                int path = header.indexOf("path");
                int headers = header.indexOf("headers");
                int description = header.indexOf("description");
                int expect = header.indexOf("expect");
                Map<String, ManifestRow> rows = new HashMap<>();
                for (String line : lines.subList(1, lines.size())) {
                    List<String> fields = tsvFields(line);
                    rows.put(fields.get(path), new ManifestRow(fields.get(headers), fields.get(description),
                            fields.get(expect)));
                }
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Tab-separated fields; a field holding quotes is wrapped in quotes with inner quotes doubled (CSV style). */
        static List<String> tsvFields(String line) {
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                boolean quoted = field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"");
                fields.add(quoted ? field.substring(1, field.length() - 1).replace("\"\"", "\"") : field);
            }
            return fields;
        }

        private record ManifestRow(String headers, String description, String expect) {
        }
    }

    /**
     * One corpus file with its manifest row.
     *
     * @param path    relative to the corpus, with '/' separators
     * @param headers the HTTP header the file is meant to be served with ("Name:value"), or empty
     * @param expect  feedparser's expectation, a Python expression
     */
    public record CorpusCase(Path file, String path, String headers, String description, String expect) {

        /** Where feedparser's own harness serves the corpus from. */
        static final String DOCUMENT_BASE = "http://127.0.0.1:8097/tests/";
        private static final Pattern ENTRY_INDEX = Pattern.compile("\\bentries\\[(\\d+)]");

        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public boolean isWellformed() {
            return path.startsWith("wellformed/");
        }

        public String contentType() {
            return header("content-type");
        }

        /** The document's URL, or its Content-Location when that is an http(s) URL. */
        public String feedUrl() {
            String documentUrl = DOCUMENT_BASE + path;
            String location = header("content-location");
            if (location == null) {
                return documentUrl;
            }
            try {
                URI resolved = URI.create(documentUrl).resolve(location);
                String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
                return scheme.equals("http") || scheme.equals("https") ? resolved.toString() : documentUrl;
            } catch (IllegalArgumentException e) {
                return documentUrl;
            }
        }

        /** The highest N of {@code entries[N]} in the expectation, or -1. */
        int highestEntryIndex() {
            Matcher m = ENTRY_INDEX.matcher(expect);
            int highest = -1;
            while (m.find()) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
            return highest;
        }

        private String header(String name) {
            int colon = headers.indexOf(':');
            if (colon < 0 || !headers.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return null;
            }
            return headers.substring(colon + 1).trim();
        }
    }

    /** Reads the comparisons {@code subject == 'literal'} out of a feedparser expectation. */
    public static final class Expect {

        private static final String SUBJECT = "(?:entries\\[\\d+]|feed)(?:\\[(?:'[\\w:]+'|\"[\\w:]+\"|\\d+)]|\\.\\w+)*";
        /** One or more subjects chained with ==, as in {@code entries[0]['title'] == entries[1]['title'] == 'x'}. */
        private static final Pattern SUBJECTS = Pattern.compile("(?<![\\w\\]])((?:" + SUBJECT + "\\s*==\\s*)+)");
        private static final Pattern TITLE_SUBJECT = Pattern.compile("(entries\\[\\d+]|feed)\\[['\"]title['\"]]");

        private Expect() {
        }

        /** A subject (e.g. {@code entries[0]['content'][0]['value']}) compared to a decoded string literal. */
        public record Comparison(String subject, String expected) {
        }

        public static List<Comparison> comparisons(String expect) {
            List<Comparison> comparisons = new ArrayList<>();
            Matcher m = SUBJECTS.matcher(expect);
            while (m.find()) {
                String literal = new LiteralReader(expect, m.end()).concatenation();
                if (literal == null) {
                    continue;
                }
                for (String subject : m.group(1).split("==")) {
                    if (!subject.isBlank()) {
                        comparisons.add(new Comparison(subject.trim(), literal));
                    }
                }
            }
            return comparisons;
        }

        /** Whether the comparisons are alternatives ({@code a == 'x' or a == 'y'}) rather than all required. */
        public static boolean isDisjunction(String expect) {
            return expect.contains(" or ");
        }

        /** Expected titles keyed by {@code feed} or {@code entries[N]}, in expectation order. */
        static Map<String, List<String>> titlesBySubject(String expect) {
            Map<String, List<String>> titles = new LinkedHashMap<>();
            for (Comparison comparison : comparisons(expect)) {
                Matcher m = TITLE_SUBJECT.matcher(comparison.subject());
                if (m.matches()) {
                    titles.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(comparison.expected());
                }
            }
            return titles;
        }

        /** N of a subject starting {@code entries[N]}, or -1 for a feed-level subject. */
        public static int entryIndex(String subject) {
            if (!subject.startsWith("entries[")) {
                return -1;
            }
            return Integer.parseInt(subject.substring("entries[".length(), subject.indexOf(']')));
        }
    }

    /** Python string literals ('…', "…", u'…', """…"""), joined by +, with their backslash escapes decoded. */
    static final class LiteralReader {

        private final String source;
        private int pos;

        LiteralReader(String source, int pos) {
            this.source = source;
            this.pos = pos;
        }

        /** {@code 'a' + 'b'} as "ab"; null when no literal starts here. */
        String concatenation() {
            String first = literal();
            if (first == null) {
                return null;
            }
            StringBuilder out = new StringBuilder(first);
            while (true) {
                int mark = pos;
                skipSpaces();
                if (pos < source.length() && source.charAt(pos) == '+') {
                    pos++;
                    skipSpaces();
                    String next = literal();
                    if (next != null) {
                        out.append(next);
                        continue;
                    }
                }
                pos = mark;
                return out.toString();
            }
        }

        private String literal() {
            int p = pos;
            if (p < source.length() && "uUbB".indexOf(source.charAt(p)) >= 0) {
                p++;
            }
            if (p >= source.length() || (source.charAt(p) != '\'' && source.charAt(p) != '"')) {
                return null;
            }
            String single = String.valueOf(source.charAt(p));
            String quote = source.startsWith(single.repeat(3), p) ? single.repeat(3) : single;
            p += quote.length();
            StringBuilder out = new StringBuilder();
            while (p < source.length() && !source.startsWith(quote, p)) {
                char c = source.charAt(p++);
                if (c == '\\' && p < source.length()) {
                    p = escape(p, out);
                } else {
                    out.append(c);
                }
            }
            if (p >= source.length()) {
                return null;
            }
            pos = p + quote.length();
            return out.toString();
        }

        /** Decodes the escape whose letter is at {@code p}; returns the position after it. */
        private int escape(int p, StringBuilder out) {
            char c = source.charAt(p);
            switch (c) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\\', '\'', '"' -> out.append(c);
                case '\n' -> { }
                case 'x' -> {
                    return hex(p + 1, 2, out);
                }
                case 'u' -> {
                    return hex(p + 1, 4, out);
                }
                case 'U' -> {
                    return hex(p + 1, 8, out);
                }
                default -> {
                    if (c >= '0' && c <= '7') {
                        return octal(p, out);
                    }
                    out.append('\\').append(c); // Python keeps unknown escapes as written
                }
            }
            return p + 1;
        }

        private int hex(int start, int digits, StringBuilder out) {
            int end = Math.min(start + digits, source.length());
            out.appendCodePoint(Integer.parseInt(source.substring(start, end), 16));
            return end;
        }

        private int octal(int start, StringBuilder out) {
            int end = start;
            while (end < source.length() && end - start < 3 && source.charAt(end) >= '0' && source.charAt(end) <= '7') {
                end++;
            }
            out.appendCodePoint(Integer.parseInt(source.substring(start, end), 8));
            return end;
        }

        private void skipSpaces() {
            while (pos < source.length() && source.charAt(pos) == ' ') {
                pos++;
            }
        }
    }
}
