package dev.hallway.parse;

import dev.hallway.normalize.EntryNormalizer;
import dev.hallway.normalize.NormalizedEntry;
import dev.hallway.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedParserTest {

    private static final Instant FETCHED = Instant.parse("2026-11-23T12:00:00Z");
    private final FeedParser parser = new FeedParser();

    private ParsedFeed parse(String xml) throws FeedParseException {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", "https://blog.example/feed/");
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\"><channel><title>Blog</title>"
                + "<link>https://blog.example/</link>" + items + "</channel></rss>";
    }

    @Test
    void wordpressRssGivesTitlesAuthorsCategoriesAndTheFullBody() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("seeds/adventures-in-oss.rss"), Fixtures.RSS,
                "https://www.adventuresinoss.com/feed/");
        assertEquals(10, feed.items().size());
        ParsedItem scale = feed.items().get(9);
        NormalizedEntry entry = EntryNormalizer.normalize(scale, FETCHED);
        assertEquals("SCaLE 20x – Day 3", entry.title());
        assertEquals(List.of("Tarus Balog"), entry.authors());
        assertEquals("https://www.adventuresinoss.com/2023/03/14/scale-20x-day-3/", entry.url());
        assertTrue(scale.contentHtml().length() > scale.summaryHtml().length(), "content:encoded wins over description");
        assertTrue(entry.tags().contains("Conferences"), entry.tags().toString());
        assertTrue(entry.summary().length() <= 301, entry.summary());
    }

    @Test
    void atomRelativeLinksResolveAgainstXmlBase() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("seeds/pingcap-blog.atom"), Fixtures.ATOM,
                "https://www.pingcap.com/blog/index.xml");
        NormalizedEntry entry = EntryNormalizer.normalize(feed.items().get(0), FETCHED);
        assertEquals("FOSDEM 2019 Recap: Global Technology, Local Community", entry.title());
        assertEquals(Instant.parse("2019-02-11T00:00:00Z"), entry.published());
        assertFalse(entry.contentHtml().contains("src=\"media/"), "relative image made absolute");
        assertTrue(entry.contentHtml().contains("src=\"https://www.pingcap.com/blog/"), entry.contentHtml().substring(0, 400));
        assertFalse(entry.contentHtml().contains("<iframe"), "iframes are removed");
    }

    @Test
    void rdfItemsAreRead() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("seeds/duchess-france.rdf"), Fixtures.RDF, "http://www.duchess-france.org/feed");
        assertEquals(1, feed.items().size());
        NormalizedEntry entry = EntryNormalizer.normalize(feed.items().get(0), FETCHED);
        assertEquals("Feedback on DotScale conference 2015", entry.title());
        assertEquals(Instant.parse("2015-06-25T10:00:00Z"), entry.published());
    }

    @Test
    void linkPreferenceIsOrigLinkThenLinkThenPermalinkGuid() throws Exception {
        ParsedFeed feed = parse(rss("""
                <item><title>A</title><link>https://feeds.example/~r/a</link>
                  <feedburner:origLink>https://blog.example/a/</feedburner:origLink></item>
                <item><title>B</title><link>/b/</link><guid>https://blog.example/guid-b</guid></item>
                <item><title>C</title><guid isPermaLink="true">https://blog.example/c/</guid></item>
                <item><title>D</title><guid isPermaLink="false">tag:blog.example,2024:d</guid></item>
                """));
        assertEquals("https://blog.example/a/", feed.items().get(0).link());
        assertEquals("https://blog.example/b/", feed.items().get(1).link(), "relative link resolved against the feed");
        assertEquals("https://blog.example/c/", feed.items().get(2).link());
        assertNull(feed.items().get(3).link());
        assertEquals("guid:tag:blog.example,2024:d", EntryNormalizer.normalize(feed.items().get(3), FETCHED).canonicalUrl());
    }

    @Test
    void bomWhitespaceUndefinedEntitiesAndControlCharactersAreTolerated() throws Exception {
        String xml = "\uFEFF\n\n  " + rss("<item><title>Caf&eacute;&nbsp;talk \u0001\u000B&amp; more</title>"
                + "<link>https://blog.example/cafe</link><description>x&hellip;</description></item>");
        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, "https://blog.example/feed/");
        assertEquals("Café talk & more", EntryNormalizer.normalize(feed.items().get(0), FETCHED).title());
    }

    @Test
    void aWrongDeclaredEncodingIsCorrected() throws Exception {
        String xml = rss("<item><title>Retour sur la conférence</title><link>https://blog.example/r</link></item>")
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.UTF_8), "text/xml; charset=iso-8859-1", "https://blog.example/");
        assertEquals("Retour sur la conférence", feed.items().get(0).title());

        byte[] latin1 = rss("<item><title>Rückblick</title><link>https://blog.example/r</link></item>")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Rückblick", parser.parse(latin1, null, "https://blog.example/").items().get(0).title());
    }

    @Test
    void oneBrokenItemDoesNotCostTheGoodOnes() throws Exception {
        ParsedFeed feed = parse(rss("""
                <item><title>Good one</title><link>https://blog.example/1</link></item>
                <item><title>Broken <b>unclosed</title><link>https://blog.example/2</link><description>a < b && c</description></item>
                <item><title>Good two</title><link>https://blog.example/3</link></item>
                """));
        List<String> titles = feed.items().stream().map(i -> EntryNormalizer.normalize(i, FETCHED).title()).toList();
        assertTrue(titles.contains("Good one") && titles.contains("Good two"), titles.toString());
    }

    @Test
    void datesRomeCannotReadAreReadLeniently() throws Exception {
        ParsedFeed feed = parse(rss("""
                <item><title>1</title><link>https://blog.example/1</link><pubDate>Mon, 5 Feb 2024 10:00:00 PST</pubDate></item>
                <item><title>2</title><link>https://blog.example/2</link><pubDate>lundi 5 février 2024 10:00</pubDate></item>
                <item><title>3</title><link>https://blog.example/3</link><pubDate>5. März 2024</pubDate></item>
                <item><title>4</title><link>https://blog.example/4</link><pubDate>1706745600</pubDate></item>
                <item><title>5</title><link>https://blog.example/5</link><dc:date>2024-01-31 19:06:12 +0100</dc:date></item>
                <item><title>6</title><link>https://blog.example/6</link><pubDate>not a date</pubDate></item>
                <item><title>7</title><link>https://blog.example/7</link><pubDate>Sat, 01 Jan 2050 00:00:00 GMT</pubDate></item>
                """));
        List<NormalizedEntry> e = EntryNormalizer.normalizeAll(feed.items(), FETCHED);
        assertEquals(Instant.parse("2024-02-05T18:00:00Z"), e.get(0).published());
        assertEquals(Instant.parse("2024-02-05T10:00:00Z"), e.get(1).published());
        assertEquals(Instant.parse("2024-03-05T00:00:00Z"), e.get(2).published());
        assertEquals(Instant.parse("2024-02-01T00:00:00Z"), e.get(3).published());
        assertEquals(Instant.parse("2024-01-31T18:06:12Z"), e.get(4).published());
        assertEquals(FETCHED, e.get(5).published());
        assertTrue(e.get(5).dateMissing());
        assertEquals(FETCHED, e.get(6).published());
        assertTrue(e.get(6).dateClamped());
        assertFalse(e.get(0).dateMissing() || e.get(0).dateClamped());
    }

    @Test
    void itemsSharingOneGuidAreStillToldApart() throws Exception {
        ParsedFeed feed = parse(rss("""
                <item><title>First</title><guid isPermaLink="false">same</guid><description>one</description></item>
                <item><title>Second</title><guid isPermaLink="false">same</guid><description>two</description></item>
                """));
        List<NormalizedEntry> entries = EntryNormalizer.normalizeAll(feed.items(), FETCHED);
        assertEquals(2, entries.stream().map(NormalizedEntry::dedupeKey).distinct().count());
    }

    @Test
    void externalEntitiesAreRefusedWithoutTouchingTheFileSystem() throws Exception {
        Path secret = Files.createTempFile("hallway-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<rss version=\"2.0\"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>";
        FeedParseException e = assertThrows(FeedParseException.class, () -> parse(xxe));
        assertTrue(e.getMessage().startsWith("refused"), e.getMessage());
        String parameter = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]>"
                + "<rss version=\"2.0\"><channel><title>x</title></channel></rss>";
        assertThrows(FeedParseException.class, () -> parse(parameter));
    }

    @Test
    void billionLaughsFailsFast() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String bomb = "<?xml version=\"1.0\"?>" + dtd + "<rss version=\"2.0\"><channel><title>&lol9;</title></channel></rss>";
        long start = System.nanoTime();
        FeedParseException e = assertThrows(FeedParseException.class, () -> parse(bomb));
        assertTrue((System.nanoTime() - start) < 1_000_000_000L, "refused in well under a second");
        assertTrue(e.getMessage().contains("nested entities are never expanded"), e.getMessage());
    }

    @Test
    void aQuadraticBlowupIsRefusedByTheParsersEntityLimits() {
        // 60 KB on the wire: one 50 KB entity referenced 2,000 times would be 100 MB of text
        String big = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" + "blowup ".repeat(50_000 / 7) + "\">]>"
                + "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><description>"
                + "&big;".repeat(2_000) + "</description></item></channel></rss>";
        assertTrue(big.length() < 62_000, "a 60 KB file: " + big.length());
        long start = System.nanoTime();
        FeedParseException e = assertThrows(FeedParseException.class, () -> parse(big));
        assertTrue((System.nanoTime() - start) < 2_000_000_000L, "refused in well under two seconds");
        assertTrue(e.getMessage().startsWith("refused: the feed's entities expand beyond the parser's limits"), e.getMessage());
    }

    @Test
    void aLargeEntityReferencedAFewTimesIsStillRead() throws Exception {
        String text = "word ".repeat(10_000);
        String feed = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY body \"" + text + "\"><!ENTITY site 'https://a.example/'>]>"
                + "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>&site;1</link><description>"
                + "&body;&body;</description></item></channel></rss>";
        ParsedItem item = parse(feed).items().get(0);
        assertEquals("https://a.example/1", item.link());
        assertTrue(item.summaryHtml().length() > 2 * text.length() - 10, "both references expanded");
    }

    @Test
    void harmlessDoctypesAreAccepted() throws Exception {
        String netscape = "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
                + "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>Old</title>"
                + "<link>https://old.example/</link><description>d</description><language>en</language>"
                + "<item><title>Caf&eacute;</title><link>https://old.example/1</link></item></channel></rss>";
        assertEquals("Café", parse(netscape).items().get(0).title());
        String textEntity = "<?xml version=\"1.0\"?><!DOCTYPE rss [ <!ENTITY id \"tag:example.com,\"> ]>"
                + "<rss version=\"2.0\"><channel><title>t</title><item><guid isPermaLink='false'>&id;2006:/blog/</guid>"
                + "<title>x</title></item></channel></rss>";
        assertEquals("tag:example.com,2006:/blog/", parse(textEntity).items().get(0).guid());
    }

    @Test
    void somethingThatIsNotAFeedIsAClearError() {
        FeedParseException e = assertThrows(FeedParseException.class, () -> parse("<html><body>hi</body></html>"));
        assertTrue(e.getMessage().startsWith("not a readable feed"), e.getMessage());
        assertNotNull(assertThrows(FeedParseException.class, () -> parse("")).getMessage());
    }

    @Test
    void readsTheWebSubHubAndSelfOfAnAtomFeedAndOfAnRssChannel() throws Exception {
        ParsedFeed atom = parse("""
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
                <link rel="hub" href="https://pubsubhubbub.appspot.com/"/><link rel="hub" href="javascript:alert(1)"/>
                <link rel="self" href="/atom.xml"/><link rel="alternate" href="https://blog.example/"/></feed>""");
        assertEquals(List.of("https://pubsubhubbub.appspot.com/"), atom.hubs(), "http(s) hubs only");
        assertEquals("https://blog.example/atom.xml", atom.self(), "resolved against the feed's URL");

        ParsedFeed rss = parse("""
                <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title><link>https://blog.example/</link>
                <description>d</description><atom:link rel="hub" href="https://blog.example/?pushpress=hub"/>
                <atom:link rel="self" type="application/rss+xml" href="https://blog.example/feed/"/></channel></rss>""");
        assertEquals(List.of("https://blog.example/?pushpress=hub"), rss.hubs());
        assertEquals("https://blog.example/feed/", rss.self());

        ParsedFeed none = parse("<rss version=\"2.0\"><channel><title>t</title><link>https://blog.example/</link>"
                + "<description>d</description></channel></rss>");
        assertEquals(List.of(), none.hubs());
        assertNull(none.self());
    }

    @Test
    void theFeedsOwnHintsOfHowOftenItChangesAreReadAsWritten() throws Exception {
        ParsedFeed feed = parse(rss("<ttl> 90 </ttl><item><title>One</title><link>https://blog.example/1</link></item>"));
        assertEquals(new PublisherHints("90", null, null), feed.hints());
        assertEquals(new PublisherHints(null, "hourly", "1"), parser.parse(Fixtures.bytes("seeds/duchess-france.rdf"),
                Fixtures.RDF, "http://www.duchess-france.org/feed").hints(), "RSS 1.0, in its channel");
        assertEquals(new PublisherHints(null, "hourly", "1"), parser.parse(Fixtures.bytes("seeds/adventures-in-oss.rss"),
                Fixtures.RSS, "https://www.adventuresinoss.com/feed/").hints(), "WordPress, whitespace around");
        assertEquals(PublisherHints.NONE, parser.parse(Fixtures.bytes("seeds/pingcap-blog.atom"), Fixtures.ATOM,
                "https://pingcap.com/blog/index.xml").hints());
    }

    @Test
    void syndicationValuesRomeCannotReadNoLongerMakeTheFeedUnreadable() throws Exception {
        // ROME reads sy: in RSS 1.0 and Atom feeds, and its SyModuleParser throws on an unknown period or a frequency
        // that is not a number: the whole feed was unreadable for a hint
        String rdf = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                + "xmlns=\"http://purl.org/rss/1.0/\" xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">"
                + "<channel rdf:about=\"https://blog.example/\"><title>Blog</title><link>https://blog.example/</link>"
                + "<description>d</description><sy:updatePeriod>fortnightly</sy:updatePeriod>"
                + "<sy:updateFrequency>often</sy:updateFrequency></channel>"
                + "<item rdf:about=\"https://blog.example/1\"><title>One</title><link>https://blog.example/1</link></item></rdf:RDF>";
        ParsedFeed feed = parse(rdf);
        assertEquals(1, feed.items().size());
        assertEquals(new PublisherHints(null, "fortnightly", "often"), feed.hints(), "the poller says why it ignores them");
        String atom = "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"><title>Blog</title><id>urn:x</id>"
                + "<updated>2024-01-01T00:00:00Z</updated><sy:updatePeriod>daily</sy:updatePeriod>"
                + "<sy:updateFrequency>2.5</sy:updateFrequency>"
                + "<entry><title>One</title><id>urn:1</id><link href=\"https://blog.example/1\"/>"
                + "<updated>2024-01-01T00:00:00Z</updated></entry></feed>";
        ParsedFeed atomFeed = parse(atom);
        assertEquals(1, atomFeed.items().size());
        assertEquals(new PublisherHints(null, "daily", "2.5"), atomFeed.hints());
        String rss = rss("<sy:updatePeriod>fortnightly</sy:updatePeriod><ttl>soon</ttl>"
                + "<item><title>One</title><link>https://blog.example/1</link></item>")
                .replace("<rss version=\"2.0\" ", "<rss version=\"2.0\" xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\" ");
        assertEquals(new PublisherHints("soon", "fortnightly", null), parse(rss).hints());
    }
}
