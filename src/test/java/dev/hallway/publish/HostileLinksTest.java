package dev.hallway.publish;

import dev.hallway.entry.Entry;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.GreenMailResource;
import dev.hallway.support.TestDatabase;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 1 of issue 12: a feed whose items link to {@code javascript:} (and its disguises) is polled for real from the
 * loopback server; no such URL reaches an href, src or link of any page, Atom feed or digest mail, and the pages
 * forbid scripts outright.
 */
@QuarkusTest
@TestProfile(HostileLinksTest.OwnDatabase.class)
@QuarkusTestResource(FeedServerResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
class HostileLinksTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestDatabase.isolated("hostile-links");
        }
    }

    private static final String WEEK = "2026-W47";

    /** Item links as written in the XML (so {@code &#106;} is a character reference the XML parser decodes). */
    static final List<String> PAYLOADS = List.of(
            "javascript:alert(document.domain)",
            "JaVaScRiPt:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "&#106;avascript:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "java&#9;script:alert(1)",
            "java&#10;script:alert(1)",
            " java\tscript:alert(1)",
            "\u0001javascript:alert(1)",
            "  javascript:alert(1)  ",
            "javascript&#58;alert(1)");

    /** What a browser would run, once whitespace and control characters are taken out and case folded. */
    private static final List<String> DANGEROUS = List.of("javascript:", "vbscript:", "data:");

    private static final String[] TOPICS = {"postgres replication failover", "rust embedded firmware", "kernel scheduler latency",
            "matrix federation bridges", "nix reproducible builds", "risc-v toolchains upstream", "webassembly component model",
            "openstreetmap vector tiles", "libreoffice document import", "sqlite json functions", "gnome accessibility stack",
            "mozilla translation models", "debian installer localisation", "ceph erasure coding", "kde plasma wayland"};

    @Inject
    TestFeeds feeds;

    private final FeedServer server = FeedServerResource.server();

    @BeforeEach
    void pollAFeedOfHostileLinks() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            String topic = TOPICS[i % TOPICS.length];
            // every other item has a permalink GUID: the fallback that must be used instead of the refused link
            String guid = i % 2 == 0 ? "<guid isPermaLink=\"true\">https://blog.example/fosdem-2026-" + i + "</guid>"
                    : "<guid isPermaLink=\"false\">hostile-" + i + "</guid>";
            items.append("<item><title>FOSDEM 2026 recap: ").append(topic).append("</title>")
                    .append("<link>").append(PAYLOADS.get(i)).append("</link>").append(guid)
                    .append("<pubDate>Tue, 17 Nov 2026 10:00:00 +0000</pubDate><dc:creator>Ada</dc:creator>")
                    .append("<content:encoded><![CDATA[<p>I attended FOSDEM 2026 in Brussels and went to the talks on ")
                    .append(topic).append(" (").append(i).append("). ").append(filler(i))
                    .append(" <a href=\"").append(PAYLOADS.get(i).replace("&amp;", "&")).append("\">slides</a>")
                    .append(" <img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\"></p>]]></content:encoded></item>");
        }
        String rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                + "<channel><title>Hostile blog</title><link>javascript:alert('site')</link><description>d</description>"
                + items + "</channel></rss>";
        server.route("/hostile/links.rss", Reply.ok(rss.getBytes(StandardCharsets.UTF_8), Fixtures.RSS));
        feeds.follow(server.url("/hostile/links.rss"));
        Map<String, Object> outcome = feeds.poll(server.url("/hostile/links.rss"));
        assertTrue(List.of("ok", "unchanged").contains(outcome.get("result")), outcome.toString()); // unchanged: polled by an earlier test
    }

    /** Words that make each post's text its own (so no post is taken for a syndicated copy of another). */
    private static String filler(int seed) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 40; k++) {
            text.append(TOPICS[(seed * 7 + k * 3) % TOPICS.length].split(" ")[k % 2]).append(seed * 31 + k).append(' ');
        }
        return text.toString();
    }

    @Test
    void onlyHttpLinksBecomeAnEntrysUrlAndPermalinkGuidsAreTheFallback() {
        List<Entry> entries = QuarkusTransaction.requiringNew().call(() -> Entry.<Entry>listAll());
        assertEquals(PAYLOADS.size(), entries.size(), "every item is stored");
        for (Entry e : entries) {
            if (e.url != null) {
                assertTrue(e.url.startsWith("http://") || e.url.startsWith("https://"), e.url);
            }
        }
        assertTrue(entries.stream().anyMatch(e -> "https://blog.example/fosdem-2026-0".equals(e.url)), "the permalink GUID");
    }

    @Test
    void noPageFeedOrDigestCarriesAScriptUrl() throws Exception {
        Document home = html("/");
        assertTrue(home.select("ol.reports li").size() >= PAYLOADS.size() / 2, "the posts are on the page: " + home.select("ol.reports li").size());
        String edition = home.selectFirst("main section h2 > a").attr("href");
        for (String path : List.of("/", edition, "/conferences", "/conferences/fosdem", "/digests")) {
            assertNoScriptUrl(path, html(path));
        }
        for (String path : List.of("/feed.atom", "/conferences/feed.atom", edition + "/feed.atom", "/conferences/fosdem/feed.atom")) {
            assertNoScriptUrlInAtom(path, get(path).asString());
        }
        for (String path : List.of("/feed.json", "/conferences/feed.json", edition + "/feed.json", "/conferences/fosdem/feed.json")) {
            assertNoScriptUrlInJsonFeed(path, get(path).asByteArray());
        }
        assertNoScriptUrl("/sources.opml", Jsoup.parse(get("/sources.opml").asString(), "", Parser.xmlParser()));

        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber s = new Subscriber();
            s.email = "reader@example.org";
            s.status = SubscriberStatus.CONFIRMED;
            s.createdAt = Instant.now();
            s.confirmedAt = Instant.now();
            s.persist();
        });
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("week", WEEK).when().post("/admin/digests/send")
                .then().statusCode(200);
        MimeMessage digest = null;
        for (MimeMessage m : GreenMailResource.mail().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().contains(WEEK)) {
                digest = m;
            }
        }
        assertTrue(digest != null, "the digest was mailed");
        Document mailHtml = Jsoup.parse(part(digest, "text/html"));
        assertTrue(mailHtml.select("a").size() >= PAYLOADS.size() / 2, "the reports are in the mail");
        assertNoScriptUrl("digest mail (HTML)", mailHtml);
        assertNoDangerousPlainText("digest mail (text)", part(digest, "text/plain"));
        assertNoScriptUrl("/digests/" + WEEK, html("/digests/" + WEEK));
    }

    @Test
    void pagesForbidScriptsAndSniffingAndKeepTheReferrerShort() {
        for (String path : List.of("/", "/conferences/fosdem", "/digests", "/feed.atom", "/feed.json")) {
            Response r = get(path);
            String csp = r.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("default-src 'none'") && !csp.contains("script-src")
                    && csp.contains("frame-ancestors 'none'") && csp.contains("base-uri 'none'")
                    && csp.contains("form-action 'self'"), path + ": " + csp);
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("strict-origin-when-cross-origin", r.header("Referrer-Policy"), path);
        }
    }

    private static Response get(String path) {
        Response r = given().when().get(path);
        assertEquals(200, r.statusCode(), path);
        return r;
    }

    private static Document html(String path) {
        return Jsoup.parse(given().accept("text/html").when().get(path).then().statusCode(200).extract().asString());
    }

    private static void assertNoScriptUrl(String where, Document doc) {
        int checked = 0;
        for (Element el : doc.getAllElements()) {
            for (String attr : List.of("href", "src", "action", "formaction", "cite", "background", "poster", "xmlUrl", "htmlUrl")) {
                if (el.hasAttr(attr)) {
                    assertSafe(where, el.attr(attr));
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, where + ": no link checked");
        assertNoDangerousText(where, doc.outerHtml());
    }

    /** Every link of the feed, and every link inside its escaped HTML content. */
    private static void assertNoScriptUrlInAtom(String where, String xml) {
        Document feed = Jsoup.parse(xml, "", Parser.xmlParser());
        assertTrue(feed.select("entry").size() >= PAYLOADS.size() / 2, where + ": entries " + feed.select("entry").size());
        for (Element link : feed.select("link")) {
            assertSafe(where, link.attr("href"));
        }
        for (Element uri : feed.select("uri, id, icon, logo")) {
            assertNoDangerousText(where, uri.text());
        }
        for (Element html : feed.select("content, summary")) {
            Document inner = Jsoup.parseBodyFragment(html.text());
            for (Element el : inner.select("[href], [src]")) {
                assertSafe(where + " content", el.hasAttr("href") ? el.attr("href") : el.attr("src"));
            }
        }
        assertNoDangerousText(where, xml);
    }

    /**
     * Every URL of a JSON feed (each member named url or *_url, at any depth: items, authors, _hallway), every link inside
     * its HTML content, and every text in it, decoded: no script URL anywhere. The feed stays valid JSON Feed 1.1.
     */
    private static void assertNoScriptUrlInJsonFeed(String where, byte[] body) throws Exception {
        assertEquals(List.of(), dev.hallway.support.JsonFeedValidator.problems(body), where);
        com.fasterxml.jackson.databind.JsonNode feed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertTrue(feed.get("items").size() >= PAYLOADS.size() / 2, where + ": items " + feed.get("items").size());
        int[] urls = {0};
        walkJson(feed, null, (field, value) -> {
            if (field != null && (field.equals("url") || field.endsWith("_url"))) {
                assertTrue(value.startsWith("http://") || value.startsWith("https://"), where + ": " + field + " " + value);
                urls[0]++;
            }
            if ("content_html".equals(field)) { // markup: read as a browser would
                for (Element el : Jsoup.parseBodyFragment(value).select("[href], [src]")) {
                    assertSafe(where + " content", el.hasAttr("href") ? el.attr("href") : el.attr("src"));
                }
                assertNoDangerousText(where + " content", value);
            } else { // text, already decoded from JSON (an http URL may hold "&#106;avascript:" in its path, harmlessly)
                assertNoDangerousPlainText(where + " " + field, value);
            }
        });
        assertTrue(urls[0] > feed.get("items").size(), where + ": no URL checked");
    }

    /** Calls {@code text} with every string in the tree and the name of the member holding it (null in an array). */
    private static void walkJson(com.fasterxml.jackson.databind.JsonNode node, String field,
                                 java.util.function.BiConsumer<String, String> text) {
        if (node.isTextual()) {
            text.accept(field, node.asText());
        } else if (node.isArray()) {
            node.forEach(child -> walkJson(child, null, text));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(member -> walkJson(member.getValue(), member.getKey(), text));
        }
    }

    /** A URL is safe when it is relative to the site, a fragment, or http(s)/mailto. */
    private static void assertSafe(String where, String url) {
        String folded = fold(url);
        assertTrue(folded.isEmpty() || folded.startsWith("/") || folded.startsWith("#") || folded.startsWith("http://")
                || folded.startsWith("https://") || folded.startsWith("mailto:"), where + ": unsafe URL " + url);
    }

    /** Markup: read as a browser would, entities decoded. */
    private static void assertNoDangerousText(String where, String markup) {
        assertNoDangerousPlainText(where, Parser.unescapeEntities(markup, false));
    }

    private static void assertNoDangerousPlainText(String where, String text) {
        String folded = fold(text);
        for (String scheme : DANGEROUS) {
            assertFalse(folded.contains(scheme), where + " contains " + scheme);
        }
    }

    private static String fold(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c > ' ') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType(type)) {
                return multipart.getBodyPart(i).getContent().toString();
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
