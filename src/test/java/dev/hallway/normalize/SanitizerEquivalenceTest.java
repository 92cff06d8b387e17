package dev.hallway.normalize;

import dev.hallway.parse.FeedParser;
import dev.hallway.parse.ParsedFeed;
import dev.hallway.parse.ParsedItem;
import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-pass {@link HtmlSanitizer} against the pipeline it replaced ({@link ReferenceSanitizer}: parse, drop foreign
 * schemes, jsoup Cleaner, select a[href] for rel, html(), text()): the same HTML and text, character for character,
 * for every HTML fragment of every feed in the test resources and the shared corpora, hostile snippets and random
 * tag soup; and the text of the input it gives on request equal to {@code PlainText.ofHtml(input)}.
 * <p>
 * More feed directories (e.g. {@code ParseBenchmark --write DIR}) can be added with the environment variable
 * {@code SANITIZER_EQUIVALENCE_DIRS} (paths separated by ':').
 */
class SanitizerEquivalenceTest {

    private static final List<String> BASES = List.of("https://blog.example/2026/post/", "", "not a url",
            "http://127.0.0.1/feed-0001.rss", "https://h.example/dir/file.html?x=1#frag", "https://[::1]:8080/a/b",
            "http://h.example/\u0001a/", "HTTPS://Blog.Example/A/", "mailto:a@example.org", "ftp://files.example/pub/");

    /** Compares both sanitizers on each fragment; collects the differences. */
    private static final class Comparison {
        final Map<String, String> differences = new LinkedHashMap<>();
        int fragments;
        int differing;

        void check(String html, String base) {
            fragments++;
            ReferenceSanitizer.Clean expected = ReferenceSanitizer.sanitizeWithText(html, base);
            HtmlSanitizer.Clean actual = HtmlSanitizer.sanitizeWithSourceText(html, base);
            HtmlSanitizer.Clean plain = HtmlSanitizer.sanitizeWithText(html, base);
            String sourceText = PlainText.ofHtml(html);
            String problem = null;
            if (!equal(expected.html(), actual.html())) {
                problem = "html:\n  expected " + expected.html() + "\n  actual   " + actual.html();
            } else if (!expected.text().equals(actual.text())) {
                problem = "text:\n  expected " + expected.text() + "\n  actual   " + actual.text();
            } else if (!sourceText.equals(actual.sourceText())) {
                problem = "source text:\n  expected " + sourceText + "\n  actual   " + actual.sourceText();
            } else if (!equal(plain.html(), actual.html()) || !plain.text().equals(actual.text()) || plain.sourceText() != null) {
                problem = "sanitizeWithText differs from sanitizeWithSourceText";
            }
            if (problem != null) {
                differing++;
                if (differences.size() < 20) {
                    differences.put(escapeJava(html) + " (base " + base + ")", escapeJava(problem));
                }
            }
        }

        void assertNone(String what) {
            System.out.printf("SanitizerEquivalenceTest %s: %d fragments, %d differing%n", what, fragments, differing);
            StringBuilder report = new StringBuilder();
            differences.forEach((k, v) -> report.append("\n* ").append(k).append("\n  ").append(v));
            assertEquals(0, differing, what + ": " + differing + " of " + fragments + " fragments differ:" + report);
        }
    }

    private static boolean equal(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static String escapeJava(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() > 3000 ? out.substring(0, 3000) + "…" : out.toString();
    }

    // ------------------------------------------------------------------------------------------------ the allowlist

    @Test
    void theAllowlistIsTheReferenceSafelist() throws Exception {
        Safelist safelist = ReferenceSanitizer.SAFELIST;
        Set<String> tags = new HashSet<>();
        for (Object tag : (Set<?>) field(safelist, "tagNames")) {
            tags.add(tag.toString());
        }
        assertEquals(tags, HtmlSanitizer.TAGS);

        Map<String, Set<String>> attributes = new HashMap<>();
        ((Map<?, ?>) field(safelist, "attributes")).forEach((tag, keys) -> {
            Set<String> names = new HashSet<>();
            ((Set<?>) keys).forEach(k -> names.add(k.toString()));
            attributes.put(tag.toString(), names);
        });
        assertEquals(attributes, HtmlSanitizer.ATTRIBUTES);

        Map<String, Map<String, Set<String>>> protocols = new HashMap<>();
        ((Map<?, ?>) field(safelist, "protocols")).forEach((tag, byKey) -> {
            Map<String, Set<String>> m = new HashMap<>();
            ((Map<?, ?>) byKey).forEach((key, set) -> {
                Set<String> names = new HashSet<>();
                ((Set<?>) set).forEach(p -> names.add(p.toString()));
                m.put(key.toString(), names);
            });
            protocols.put(tag.toString(), m);
        });
        assertEquals(protocols, HtmlSanitizer.PROTOCOLS);

        assertTrue(((Map<?, ?>) field(safelist, "enforcedAttributes")).isEmpty(), "no enforced attributes");
        assertTrue(!safelist.preserveRelativeLinks());
    }

    private static Object field(Object target, String name) throws Exception {
        Field f = Safelist.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }

    // ------------------------------------------------------------------------------------------------ URLs

    @Test
    void urlResolutionIsJsoups() {
        Random random = new Random(11);
        List<String> urls = new ArrayList<>(URLS);
        for (int i = 0; i < 30_000; i++) {
            urls.add(randomUrl(random));
        }
        int plain = 0;
        for (String base : BASES) {
            HtmlSanitizer.Urls resolver = new HtmlSanitizer.Urls();
            for (String url : urls) {
                String expected = StringUtil.resolve(base, url);
                assertEquals(expected, resolver.resolve(base, url), () -> "resolve(" + escapeJava(base) + ", " + escapeJava(url) + ")");
                if (HtmlSanitizer.Urls.isPlainAbsoluteHttpUrl(url)) {
                    plain++;
                    assertEquals(url, expected, () -> "a plain absolute URL that jsoup changes: " + escapeJava(url));
                }
            }
        }
        assertTrue(plain > 10_000, "random URLs took the fast path: " + plain);
    }

    private static final String URL_CHARS = "abcXYZ019-._~!$&'()*+,;=:@%/?#[] \t\n\u0001\\\"<>{}|^`éü\u00a0\u3000.";

    private static String randomUrl(Random random) {
        StringBuilder url = new StringBuilder();
        url.append(List.of("https://", "http://", "HTTP://", "https:", "//", "/", "", "./", "../", "?", "#", "mailto:")
                .get(random.nextInt(random.nextInt(3) == 0 ? 12 : 2)));
        String host = List.of("example.com", "a.b-c.example", "h", "x1.example", "Example.COM", "[::1]", "h:8080",
                "h:", "u:p@h", "1.2.3.4", "-h", "h.", "例え.jp", "h..x", "").get(random.nextInt(random.nextInt(2) == 0 ? 15 : 5));
        url.append(host);
        int parts = random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(8)) {
                case 0 -> url.append("/.");
                case 1 -> url.append("/..");
                case 2 -> url.append('/');
                default -> {
                    url.append('/');
                    int n = random.nextInt(8);
                    for (int j = 0; j < n; j++) {
                        url.append(random.nextInt(4) == 0 ? URL_CHARS.charAt(random.nextInt(URL_CHARS.length()))
                                : (char) ('a' + random.nextInt(26)));
                    }
                }
            }
        }
        if (random.nextInt(4) == 0) {
            url.append("?q=").append(random.nextInt(100)).append(random.nextBoolean() ? "&a=/b?c" : "");
        }
        if (random.nextInt(5) == 0) {
            url.append('#').append(random.nextBoolean() ? "frag" : "f/x?y#z");
        }
        return url.toString();
    }

    private static final List<String> URLS = List.of("https://example.com", "https://example.com/", "https://example.com?x",
            "https://example.com#f", "https://example.com/a/b.png?w=300&h=200#x", "http://a.example/./b", "http://a.example/b/..",
            "http://a.example/../b", "http://a.example/b/../c", "https://example.com/a b", "https://user:pw@example.com/",
            "https://example.com:443/", "https://example.com:/", "https://Example.com/", "HTTPS://example.com/",
            "https://example.com/%zz", "https://[::1]/x", "https://例え.jp/", "https://example.com\\x", "url:https://example.com/",
            "\u0001https://example.com/", " https://example.com/ ", "https:x", "https:/x", "//example.com/x", "?q=1", "#top",
            "", "../up", "/root", "rel/ative", "mailto:a@example.org", "MAILTO:a@example.org", "tel:+1", "ftp://f.example/x",
            "javascript:alert(1)", "data:image/png;base64,AAAA", "https://example.com/a?b=c/d?e#f#g");

    // ------------------------------------------------------------------------------------------------ fragments

    @Test
    void hostileSnippetsComeOutTheSame() {
        Comparison comparison = new Comparison();
        for (String snippet : HOSTILE) {
            for (String base : BASES) {
                comparison.check(snippet, base);
            }
        }
        comparison.assertNone("hostile snippets");
    }

    @Test
    void randomTagSoupComesOutTheSame() {
        Random random = new Random(20261203);
        Comparison comparison = new Comparison();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder html = new StringBuilder();
            int tokens = 1 + random.nextInt(40);
            for (int t = 0; t < tokens; t++) {
                html.append(randomToken(random));
            }
            comparison.check(html.toString(), BASES.get(random.nextInt(BASES.size())));
        }
        comparison.assertNone("random tag soup");
    }

    @Test
    void everyFeedOfTheTestResourcesComesOutTheSame() throws IOException {
        Comparison comparison = new Comparison();
        checkTree(Path.of("src/test/resources"), comparison, true);
        comparison.assertNone("test resources");
    }

    @Test
    void everyFeedOfTheSharedCorporaComesOutTheSame() throws IOException {
        Path shared = Path.of("../shared/corpora");
        if (!Files.isDirectory(shared)) {
            shared = Path.of("/work/shared/corpora");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(shared), "no shared corpora");
        Comparison comparison = new Comparison();
        checkTree(shared, comparison, true);
        comparison.assertNone("shared corpora");
    }

    @Test
    void extraFeedDirectoriesComeOutTheSame() throws IOException {
        String dirs = System.getenv("SANITIZER_EQUIVALENCE_DIRS");
        org.junit.jupiter.api.Assumptions.assumeTrue(dirs != null && !dirs.isBlank(), "SANITIZER_EQUIVALENCE_DIRS not set");
        Comparison comparison = new Comparison();
        for (String dir : dirs.split(":")) {
            checkTree(Path.of(dir), comparison, false);
        }
        comparison.assertNone("extra directories");
    }

    /**
     * Every file of the tree: as a feed, every item's content, summary and title (against its base), and, with
     * {@code raw}, the text and inner markup of every element of the XML (feed-level elements, escaped or
     * base64-free markup the parser would not hand out) and HTML files whole.
     */
    private static void checkTree(Path root, Comparison comparison, boolean raw) throws IOException {
        FeedParser parser = new FeedParser();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(Files::isReadable).sorted().toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > 5_000_000) {
                continue;
            }
            Map<String, String> fragments = new LinkedHashMap<>();
            try {
                ParsedFeed feed = parser.parse(bytes, null, "https://feeds.example/" + file.getFileName());
                add(fragments, feed.title(), "https://feeds.example/");
                for (ParsedItem item : feed.items()) {
                    add(fragments, item.contentHtml(), item.baseUri());
                    add(fragments, item.summaryHtml(), item.baseUri());
                    add(fragments, item.title(), item.baseUri());
                }
            } catch (Exception notAFeed) {
                // still its raw text below
            }
            // the element-by-element pass prints every element's inner HTML, so its cost grows with size times depth:
            // it is kept for the hand-made fixtures and corpora, where the odd markup is; the labelled posts'
            // generated feeds (hundreds of files, 30-400 KB) are compared item by item above, which took CI 200 s
            // a suite with it
            if (raw && bytes.length <= 100_000 && !file.toString().contains("/labelled/")) {
                String name = file.getFileName().toString();
                String text = new String(bytes, StandardCharsets.UTF_8);
                if (name.endsWith(".html") || name.endsWith(".htm")) {
                    add(fragments, text, "https://pages.example/" + name);
                } else if (name.endsWith(".xml") || name.endsWith(".rss") || name.endsWith(".atom") || name.endsWith(".rdf")) {
                    Document xml = Jsoup.parse(text, "", Parser.xmlParser());
                    for (Element element : xml.getAllElements()) {
                        add(fragments, element.wholeText(), "https://feeds.example/x/");
                        if (!element.children().isEmpty()) {
                            add(fragments, element.html(), "https://feeds.example/x/");
                        }
                    }
                }
            }
            fragments.forEach(comparison::check);
        }
    }

    private static void add(Map<String, String> fragments, String html, String base) {
        if (html != null && !html.isBlank()) {
            fragments.putIfAbsent(html, base);
        }
    }

    // ------------------------------------------------------------------------------------------------ inputs

    private static final List<String> HOSTILE = List.of(
            "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"JaVaScRiPt:alert(1)\">x</a>", "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"java&#9;script:alert(1)\">x</a>", "<a href=\"java&#x0A;script:alert(1)\">x</a>", "<a href=\" java\tscript:alert(1)\">x</a>",
            "<a href=\"\u0001javascript:alert(1)\">x</a>", "<a href=\"javascript&colon;alert(1)\">x</a>", "<a href=\"jav&Tab;ascript:alert(1)\">x</a>",
            "<img src=\"data:image/png;base64,AAAA\"><img src=\"data:text/html,<script>x</script>\">", "<a href=\"vbscript:msgbox(1)\">v</a>",
            "<q cite=\"javascript:x\">q</q><blockquote cite=\"/rel\">b</blockquote><q cite=\"https://ok.example/\">q</q>",
            "<a href=\"tel:+123\">t</a><a href=\"ftp://x.example/\">f</a><a href=\"mailto:a@b.example\">m</a><a href=\"MAILTO:X\">M</a>",
            "<a href>empty</a><a href=\"\">e</a><img src><img src=\"\"><a href=\"#frag\">f</a><a href=\"?q=1\">q</a>",
            "<a href=\"//cdn.example/x\">p</a><a href=\"../../up\">u</a><a href=\"/./a/../b\">d</a>",
            "<base href=\"https://evil.example/\"><a href=\"/x\">x</a><img src=\"y.png\">",
            "<base href=\"javascript:alert(1)//\"><a href=\"x\">x</a>", "<p>a</p><base href=\"/other/\"><a href=\"x\">x</a>",
            "<form><form><input name=x></form><button>b</button></form>text", "<form action=\"https://e.example\"><p>in form</p></form>",
            "<svg><a href=\"https://x.example/\">svg link</a><foreignObject><p>fo</p></foreignObject><script>alert(1)</script></svg>",
            "<svg viewBox=\"0 0 1 1\"><circle onload=\"x()\"/><title>t</title><style>s</style><img src=x></svg>after",
            "<math><mi>x</mi><annotation-xml encoding=\"text/html\"><p>html in math</p></annotation-xml><mtext><b>b</b></mtext></math>",
            "<svg><![CDATA[ <b>cdata</b> & ]]></svg><p><![CDATA[ in html ]]></p>", "<math><ms><![CDATA[x<y]]></ms></math>",
            "<!-- comment --><p>a<!-- inner --></p><!--><p>b</p><!--->c<!-- unclosed", "<?xml version=\"1.0\"?><!DOCTYPE html><p>x</p>",
            "<p onclick=\"x()\" style=\"color:red\" class=\"c\" id=\"i\">p</p><img src=\"https://i.example/a.png\" onerror=\"x()\" alt=\"a\" loading=\"lazy\" srcset=\"a.png 1x, b.png 2x\">",
            "<picture><source srcset=\"a.webp\" type=\"image/webp\"><img src=\"a.jpg\" srcset=\"a.jpg 1x\"></picture>",
            "<p>unclosed <b>bold <i>both</b> italic</i> after", "<p<p>x</p>", "<a href=\"x\" <b>y</b>", "</p></div>text</b>", "<<p>>",
            "<p/><br/><br></br><img/src=\"x\"/><hr/>text", "<div><div><div><div><div><div><div><pre>  deep   pre  </pre></div></div></div></div></div></div></div>",
            "<pre><b><i><u><s><em><strong><code>  six   deep  </code></strong></em></s></u></i></b></pre>",
            "<pre><b><i><u><s><em><code>  five   deep  </code></em></s></u></i></b></pre>", "<pre>\n  first\n\n  lines\t</pre>",
            "<section>a</section><section>b</section><article>c</article>d<nav>e</nav><span>f</span>",
            "<div>one</div>two<p>three</p><span>four</span><div>five</div><br>six<br><br>seven",
            "<table><tr><td>a<td>b<tr><th>c</table>after<ul><li>1<li>2</ul><ol start=3 type=a><li>x</ol>",
            "<table><caption>c</caption><colgroup span=2 width=5><col span=1></colgroup><tbody><tr><td colspan=2 rowspan=1 width=1 align=left abbr=a axis=b>x</td></tr></tbody></table>",
            "<textarea><b>not bold</b></textarea><title>t &amp; t</title><xmp><b>x</b></xmp><noscript><b>n</b></noscript>",
            "<iframe src=\"https://www.youtube.com/embed/x\">fallback <b>text</b></iframe><object data=x><param name=a></object><embed src=x>",
            "<script>document.write('<p>x</p>')</script><style>p { color: red }</style><p>after</p>",
            "<template><p>in template</p></template><details open><summary>s</summary>d</details><dialog>dlg</dialog>",
            "<time datetime=\"2026-12-03\">t</time><abbr title=\"t\">a</abbr><acronym title=\"x\">y</acronym><ins>i</ins><del>d</del><mark>m</mark>",
            "<center><font color=red>f</font></center><custom-el x=1>c</custom-el><x:y>ns</x:y>",
            "text &amp; &lt;tag&gt; &quot;q&quot; &apos;a&apos; &nbsp; &#160; &#xA0; &copy; &euro; &hellip; &#0; &#1; &#x7F; &#x85; &#xD800; &#128512; &#x1D800; &#x2D800; &bogus; &amp",
            "\u0001\u0002\u000b\u000c\u001f\u007f\u0085\u00a0\u2003\u2028\u3000\u200b\u00ad\ufeff \t\n\r end",
            "emoji \ud83d\ude00 lone \ud800 high \udc00 low \ud834\udd1e clef \ud836\udc00 sw", "<p title=\"\ud800\">x</p><img alt=\"\ud83d\ude00 \ud836\udc00 &quot;'<>&amp;\">",
            "<img alt=\"a&#9;b&#10;c&#13;d&#1;e\" title=\"&#xA0;\">", "<a title=\"x\" href=\"https://ok.example/a?b=1&amp;c=2#d\" rel=\"opener\" target=\"_blank\">l</a>",
            "<a href=\"https://ok.example/\" HREF=\"javascript:x\">dup</a>", "<a href=\"https://ok.example/\"><a href=\"/nested\">nested</a></a>",
            "<p>a<p>b<h1>c<h2>d</h1>e", "<li>orphan</li><dd>x</dd><dt>y</dt><tr><td>z</td></tr><caption>cap</caption>",
            "<p>line<br>break<br/>again</p><p>\n\n  spaced   out  \n</p>", "<b> </b> <i> </i> <span>\u00a0</span>", "   ", "<p></p>", "<br>",
            "<span><span><span>a</span></span></span>b", "<div>a<div>b</div>c</div>", "<img src=\"/a.png\" width=\"10\" height=\"20\" align=\"left\" title=\"t\" alt>",
            "<kbd>k</kbd><samp>s</samp><var>v</var><small>sm</small><sub>1</sub><sup>2</sup><strike>st</strike><u>u</u><cite cite=\"x\">c</cite>",
            "<plaintext><b>all plain</b></plaintext>", "<noembed><b>n</b></noembed><noframes><b>f</b></noframes>", "<select><option>o<optgroup>g</select>",
            "<body onload=x()><p>b</p></body><html><head><meta http-equiv=refresh content=0><link rel=stylesheet href=x></head>",
            "<a href=\"https://ok.example/\u0000x\">nul</a><img src=\"https://ok.example/\u0009tab.png\">",
            "<a href=\"https://ok.example/%20a b\">space</a><a href=\"  https://ok.example/trim  \">trim</a><a href=\"HTTPS://OK.EXAMPLE/UP\">up</a>",
            "<a href=\"https://user:pass@ok.example:8080/p\">auth</a><a href=\"http://[::1]:80/x\">v6</a><a href=\"https://例え.jp/パス\">idn</a>");

    private static final String[] OPEN = {"<p>", "<div>", "<span>", "<b>", "<i>", "<em>", "<strong>", "<pre>", "<code>", "<br>", "<hr>",
            "<ul>", "<ol>", "<li>", "<table>", "<tr>", "<td>", "<th>", "<h2>", "<blockquote>", "<q>", "<figure>", "<figcaption>",
            "<details>", "<summary>", "<small>", "<sub>", "<img>", "<a>", "<section>", "<article>", "<nav>", "<header>", "<font>",
            "<center>", "<script>", "<style>", "<iframe>", "<svg>", "<math>", "<mi>", "<foreignObject>", "<desc>", "<form>",
            "<input>", "<textarea>", "<noscript>", "<template>", "<object>", "<base>", "<title>", "<xmp>", "<select>", "<option>",
            "<custom-el>", "<dl>", "<dt>", "<dd>", "<caption>", "<col>", "<colgroup>", "<tbody>", "<picture>", "<source>",
            "<time>", "<abbr>", "<button>", "<label>", "<address>", "<main>", "<aside>", "<wbr>", "<nobr>", "<ruby>", "<rt>", "<listing>"};
    private static final String[] ATTRIBUTE_NAMES = {"href", "src", "cite", "title", "alt", "width", "height", "align", "loading",
            "onclick", "onerror", "style", "class", "id", "srcset", "datetime", "start", "type", "span", "colspan", "rowspan",
            "scope", "abbr", "axis", "summary", "rel", "target", "HREF", "Src", "open", "hidden", "xlink:href", "data-x"};
    private static final String[] TEXT = {"word", " ", "  ", "\n", "\t", "\r\n", "\u00a0", "&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;",
            "'", "\"", "&#0;", "&#1;", "\u0001", "\u000c", "\u007f", "\u0085", "\u2003", "\u3000", "\u200b", "\u00ad", "é", "日本語",
            "\ud83d\ude00", "\ud836\udc00", "\ud800", "\udc00", "&#x1D800;", "&copy;", "&bogus;", "a&b", "x<y", "1>0", "<!-- c -->",
            "<![CDATA[ cd <b> ]]>", "<?pi x?>", "<!DOCTYPE x>", "</>", "<", ">", "&", "<p/>", "<br/>", "<img/>"};

    private static String randomToken(Random random) {
        int kind = random.nextInt(10);
        if (kind < 4) {
            return TEXT[random.nextInt(TEXT.length)];
        }
        String open = OPEN[random.nextInt(OPEN.length)];
        String name = open.substring(1, open.length() - 1);
        if (kind < 5) {
            return "</" + name + ">";
        }
        StringBuilder tag = new StringBuilder("<").append(name);
        int attributes = random.nextInt(4);
        for (int i = 0; i < attributes; i++) {
            String attribute = ATTRIBUTE_NAMES[random.nextInt(ATTRIBUTE_NAMES.length)];
            tag.append(' ').append(attribute);
            switch (random.nextInt(6)) {
                case 0 -> { } // no value
                case 1 -> tag.append("=\"\"");
                case 2 -> tag.append("=\"").append(TEXT[random.nextInt(TEXT.length)].replace("\"", "&quot;")).append('"');
                default -> tag.append("=\"").append(URLS.get(random.nextInt(URLS.size())).replace("\"", "&quot;")).append('"');
            }
        }
        if (random.nextInt(8) == 0) {
            tag.append('/');
        }
        return tag.append('>').toString();
    }
}
