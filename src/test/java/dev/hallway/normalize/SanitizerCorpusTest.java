package dev.hallway.normalize;

import dev.hallway.parse.FeedCorpusTest;
import dev.hallway.parse.FeedCorpusTest.Corpus;
import dev.hallway.parse.FeedCorpusTest.CorpusCase;
import dev.hallway.parse.FeedCorpusTest.Expect;
import dev.hallway.parse.FeedParseException;
import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedFeed;
import dev.hallway.parse.ParsedItem;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * feedparser's {@code wellformed/sanitize/} suite against {@link HtmlSanitizer}. Every piece of HTML a feed carries —
 * the items as {@link FeedParser} reads them, and the text, inline markup and base64 payload of every element of the
 * raw XML (which covers feed-level elements such as subtitle, info and copyright) — is sanitized, and the output,
 * parsed again, must hold nothing active: no script, style, frame, object, form, meta, link or base element, no
 * on* handler, no javascript:/vbscript:/data: URL (a data:image/ img src aside), no CSS expression().
 * <p>
 * Where the expectation names a sanitized value, ours is compared with feedparser's as plain text and the matches
 * counted; that is reported, not asserted, since the two sanitizers format their output differently.
 */
class SanitizerCorpusTest {

    private static final String DIRECTORY = "wellformed/sanitize";
    private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "style", "iframe", "frame", "frameset",
            "object", "embed", "applet", "form", "meta", "link", "base");
    private static final List<String> ACTIVE_SCHEMES = List.of("javascript:", "vbscript:", "data:");
    private static final Pattern ACTIVE_CSS = Pattern.compile(
            "expression\\s*\\(|javascript:|vbscript:|behavior\\s*:|-moz-binding", Pattern.CASE_INSENSITIVE);
    /** The first key of a subject: "content" in {@code entries[0]['content'][0]['value']}. */
    private static final Pattern FIRST_KEY = Pattern.compile("(?:entries\\[\\d+]|feed)\\[['\"](\\w+)['\"]]");
    private static final Pattern INVISIBLE = Pattern.compile("[\\s\\x00-\\x1f]+");
    /** feedparser's feed-level keys and the elements (RSS and Atom) they come from. */
    private static final Map<String, Set<String>> FEED_ELEMENTS = Map.of(
            "tagline", Set.of("subtitle", "tagline", "description"),
            "subtitle", Set.of("subtitle", "tagline", "description"),
            "description", Set.of("subtitle", "tagline", "description"),
            "info", Set.of("info"),
            "copyright", Set.of("copyright", "rights"),
            "rights", Set.of("copyright", "rights"));

    private static final AtomicInteger files = new AtomicInteger();
    private static final AtomicInteger fragments = new AtomicInteger();
    private static final AtomicInteger unsafeFragments = new AtomicInteger();
    private static final AtomicInteger comparisons = new AtomicInteger();
    private static final AtomicInteger matches = new AtomicInteger();

    private final FeedParser parser = new FeedParser();

    @TestFactory
    Stream<DynamicTest> everySanitizeCaseComesOutInert() {
        return Corpus.open().casesUnder(DIRECTORY).map(c -> dynamicTest(c.path(), () -> check(c)));
    }

    @AfterAll
    static void printSummary() {
        System.out.printf("SanitizerCorpusTest: %d files, %d HTML fragments sanitized, %d unsafe;"
                        + " sanitized values equal to feedparser's as plain text: %d/%d%n",
                files.get(), fragments.get(), unsafeFragments.get(), matches.get(), comparisons.get());
    }

    private void check(CorpusCase corpusCase) {
        files.incrementAndGet();
        ParsedFeed feed = parseOrNull(corpusCase);
        Document xml = rawXml(corpusCase);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> fragment : fragments(corpusCase, feed, xml).entrySet()) {
            fragments.incrementAndGet();
            String clean = HtmlSanitizer.sanitize(fragment.getKey(), fragment.getValue());
            List<String> active = activeParts(clean);
            if (!active.isEmpty()) {
                unsafeFragments.incrementAndGet();
                problems.add(active + " survived in " + clean + "\n    from " + fragment.getKey());
            }
        }
        countMatches(corpusCase, feed, xml);
        if (!problems.isEmpty()) {
            fail(corpusCase.path() + ":\n  " + String.join("\n  ", problems));
        }
    }

    private ParsedFeed parseOrNull(CorpusCase corpusCase) {
        try {
            return parser.parse(corpusCase.bytes(), corpusCase.contentType(), corpusCase.feedUrl());
        } catch (FeedParseException e) {
            return null; // the raw XML's fragments are still checked
        }
    }

    private static Document rawXml(CorpusCase corpusCase) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(corpusCase.bytes()), null, "", Parser.xmlParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every HTML string the file carries, each with the base URI it is sanitized against. */
    private static Map<String, String> fragments(CorpusCase corpusCase, ParsedFeed feed, Document xml) {
        Map<String, String> fragments = new LinkedHashMap<>();
        if (feed != null) {
            addFragment(fragments, feed.title(), corpusCase.feedUrl());
            for (ParsedItem item : feed.items()) {
                addFragment(fragments, item.title(), item.baseUri());
                addFragment(fragments, item.contentHtml(), item.baseUri());
                addFragment(fragments, item.summaryHtml(), item.baseUri());
            }
        }
        for (Element element : xml.getAllElements()) {
            addFragment(fragments, element.wholeText(), corpusCase.feedUrl());
            if (!element.children().isEmpty()) {
                addFragment(fragments, element.html(), corpusCase.feedUrl());
            }
            if (isBase64(element)) {
                addFragment(fragments, base64Text(element), corpusCase.feedUrl());
            }
        }
        return fragments;
    }

    private static void addFragment(Map<String, String> fragments, String html, String baseUri) {
        if (html != null && !html.isBlank()) {
            fragments.putIfAbsent(html, baseUri);
        }
    }

    /** What in sanitized HTML, parsed again as a browser would, could still run code or load active content. */
    static List<String> activeParts(String html) {
        List<String> active = new ArrayList<>();
        if (html == null) {
            return active;
        }
        for (Element element : Jsoup.parseBodyFragment(html).getAllElements()) {
            if (ACTIVE_ELEMENTS.contains(element.normalName())) {
                active.add("<" + element.normalName() + ">");
            }
            for (Attribute attribute : element.attributes()) {
                String problem = activeAttribute(element, attribute);
                if (problem != null) {
                    active.add(problem);
                }
            }
        }
        return active;
    }

    private static String activeAttribute(Element element, Attribute attribute) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        String value = attribute.getValue();
        if (name.startsWith("on")) {
            return name + "= handler";
        }
        if (name.equals("style") && ACTIVE_CSS.matcher(value).find()) {
            return "style=\"" + value + "\"";
        }
        String compact = INVISIBLE.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
        for (String scheme : ACTIVE_SCHEMES) {
            boolean inertImage = element.normalName().equals("img") && name.equals("src")
                    && compact.startsWith("data:image/");
            if (compact.startsWith(scheme) && !inertImage) {
                return name + "=\"" + value + "\"";
            }
        }
        return null;
    }

    /** Compares the sanitized values the expectation names with ours, as plain text; counts only. */
    private static void countMatches(CorpusCase corpusCase, ParsedFeed feed, Document xml) {
        for (Expect.Comparison comparison : Expect.comparisons(corpusCase.expect())) {
            String ours = ourPlainText(comparison.subject(), feed, xml);
            if (ours == null) {
                continue; // not a value we hold (a link, a date, …)
            }
            comparisons.incrementAndGet();
            String expected = comparison.subject().endsWith("['title']")
                    ? PlainText.title(comparison.expected()) : PlainText.ofHtml(comparison.expected());
            if (expected.equals(ours)) {
                matches.incrementAndGet();
            }
        }
    }

    /** Our value for a feedparser subject, as plain text; "" when we have none; null for subjects we do not hold. */
    private static String ourPlainText(String subject, ParsedFeed feed, Document xml) {
        Matcher first = FIRST_KEY.matcher(subject);
        if (!first.lookingAt()) {
            return null;
        }
        int index = Expect.entryIndex(subject);
        String key = first.group(1);
        if (index < 0 && key.equals("title")) {
            return feed == null ? "" : PlainText.title(feed.title());
        }
        if (index < 0) {
            Set<String> names = FEED_ELEMENTS.get(key);
            return names == null ? null : PlainText.ofHtml(HtmlSanitizer.sanitize(feedElementHtml(xml, names), ""));
        }
        ParsedItem item = feed == null || index >= feed.items().size() ? null : feed.items().get(index);
        return switch (key) {
            case "title" -> item == null ? "" : FeedCorpusTest.entryTitle(item);
            case "content" -> item == null ? "" : sanitizedText(item.contentHtml(), item);
            case "description", "summary" -> item == null ? ""
                    : sanitizedText(item.summaryHtml() != null ? item.summaryHtml() : item.contentHtml(), item);
            default -> null;
        };
    }

    private static String sanitizedText(String html, ParsedItem item) {
        return PlainText.ofHtml(HtmlSanitizer.sanitize(html, item.baseUri()));
    }

    /** The HTML of the first feed-level (or channel-level) element with one of these local names. */
    private static String feedElementHtml(Document xml, Set<String> names) {
        for (Element element : xml.getAllElements()) {
            Element parent = element.parent();
            boolean feedLevel = parent != null && Set.of("feed", "channel").contains(localName(parent));
            if (feedLevel && names.contains(localName(element))) {
                if (isBase64(element)) {
                    return base64Text(element);
                }
                return element.children().isEmpty() ? element.wholeText() : element.html();
            }
        }
        return null;
    }

    private static String localName(Element element) {
        String name = element.tagName();
        return name.substring(name.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean isBase64(Element element) {
        return element.attr("mode").equalsIgnoreCase("base64");
    }

    private static String base64Text(Element element) {
        try {
            return new String(Base64.getMimeDecoder().decode(element.wholeText().trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
