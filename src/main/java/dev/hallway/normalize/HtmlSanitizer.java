package dev.hallway.normalize;

import org.jsoup.Jsoup;
import org.jsoup.internal.Normalizer;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.parser.Tag;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Allowlist sanitizer for feed HTML (jsoup): keeps structure, text formatting, links, images, tables and code;
 * drops scripts, styles, frames, objects, event handlers and javascript:/data: URLs; makes every link absolute.
 * <p>
 * The allowlist is jsoup's {@code Safelist.relaxed()} plus the additions below, applied as jsoup's {@code Cleaner}
 * applies a safelist: an element of a tag not on it is left out but its content is kept (text, and allowed elements
 * within), script and style data only survive inside allowed elements, comments never; an attribute stays only when
 * the tag allows it and, for a URL attribute, when its value made absolute has an allowed protocol. Links then get
 * {@code rel="noopener noreferrer nofollow"}.
 * <p>
 * It used to run exactly that: parse, a pass dropping foreign schemes, {@code Cleaner.clean} (a second document),
 * {@code select("a[href]")}, then {@code html()} and {@code text()} on the clean copy: five traversals and a copy of the
 * tree, ~40 % of a poll cycle's CPU. Now one pass over the parsed tree decides what the cleaner would keep and writes,
 * at the same time, the HTML jsoup would print for the clean copy (no pretty-printing) and the text its
 * {@code text()} would give. The output is the same, character for character: {@code SanitizerEquivalenceTest} runs
 * the old pipeline, kept as a test-only reference, against this one over every feed item of the test resources and
 * the shared corpora and over hostile snippets, and checks that the allowlist below is the reference safelist.
 * What this class mirrors (Cleaner, Safelist.testValidProtocol, the printer, Entities.escape, Element.text()) is
 * jsoup 1.21.2's: after a jsoup upgrade, that test is what tells whether the mirror still holds.
 */
public final class HtmlSanitizer {

    /** Tags kept: {@code Safelist.relaxed()}'s, plus ours. */
    static final Set<String> TAGS = Set.of(
            // relaxed()
            "a", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "div", "dl", "dt", "em",
            "h1", "h2", "h3", "h4", "h5", "h6", "i", "img", "li", "ol", "p", "pre", "q", "small", "span", "strike",
            "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
            // ours
            "abbr", "acronym", "del", "ins", "figure", "figcaption", "hr", "mark", "s", "time", "picture", "kbd",
            "samp", "var", "details", "summary", "center");

    /** Attributes kept, by tag. */
    static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("a", Set.of("href", "title")),
            Map.entry("blockquote", Set.of("cite")),
            Map.entry("col", Set.of("span", "width")),
            Map.entry("colgroup", Set.of("span", "width")),
            Map.entry("img", Set.of("align", "alt", "height", "src", "title", "width", "loading")),
            Map.entry("ol", Set.of("start", "type")),
            Map.entry("q", Set.of("cite")),
            Map.entry("table", Set.of("summary", "width")),
            Map.entry("td", Set.of("abbr", "axis", "colspan", "rowspan", "width", "align")),
            Map.entry("th", Set.of("abbr", "axis", "colspan", "rowspan", "scope", "width", "align")),
            Map.entry("ul", Set.of("type")),
            Map.entry("abbr", Set.of("title")),
            Map.entry("acronym", Set.of("title")),
            Map.entry("time", Set.of("datetime")));

    /** The protocols a URL attribute may have, by tag and attribute (made absolute first). */
    static final Map<String, Map<String, Set<String>>> PROTOCOLS = Map.of(
            "a", Map.of("href", Set.of("http", "https", "mailto")),
            "blockquote", Map.of("cite", Set.of("http", "https")),
            "cite", Map.of("cite", Set.of("http", "https")),
            "img", Map.of("src", Set.of("http", "https")),
            "q", Map.of("cite", Set.of("http", "https")));

    private static final String LINK_REL = "noopener noreferrer nofollow";

    private HtmlSanitizer() {
    }

    /**
     * @param html       the clean HTML, null when nothing is left
     * @param text       its plain text, as {@code PlainText.ofHtml(html)} would give
     * @param sourceText the plain text of the input as {@code PlainText.ofHtml(input)} gives it, when asked for
     *                   ({@link #sanitizeWithSourceText}); else null
     */
    public record Clean(String html, String text, String sourceText) {
        public Clean(String html, String text) {
            this(html, text, null);
        }
    }

    /** The clean HTML and its plain text (as PlainText.ofHtml would give), from one parse. */
    public static Clean sanitizeWithText(String html, String baseUri) {
        return sanitize(html, baseUri, false);
    }

    /**
     * As {@link #sanitizeWithText}, plus the text of the input itself as {@code PlainText.ofHtml(html)} gives it
     * (from the same parse): for an item whose summary is the HTML sanitized.
     */
    public static Clean sanitizeWithSourceText(String html, String baseUri) {
        return sanitize(html, baseUri, true);
    }

    /** @param baseUri what relative href/src values resolve against */
    public static String sanitize(String html, String baseUri) {
        return sanitizeWithText(html, baseUri).html();
    }

    private static Clean sanitize(String html, String baseUri, boolean withSourceText) {
        if (html == null || html.isBlank()) {
            return new Clean(null, "", withSourceText ? "" : null);
        }
        Document dirty = Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri);
        Pass pass = new Pass(dirty.body(), html.length(), withSourceText);
        NodeTraversor.traverse(pass, dirty.body());
        String body = pass.html.toString().trim();
        String source = withSourceText ? pass.sourceText.toString() : null;
        return body.isEmpty() ? new Clean(null, "", source)
                : new Clean(body, pass.text.toString(), source);
    }

    /**
     * One traversal of the parsed body. The elements kept form the clean tree: {@code kept[1..depth]} are the kept
     * ancestors of the current node ({@code kept[0]} the body), a kept node's parent in the clean tree is
     * {@code kept[depth]}. What jsoup's printer and text accumulator would do on the clean tree is done here as each
     * kept node is reached; the two things they look at that are not known yet at that point are settled later:
     * whether an element has children (an empty one is printed differently) and, for the text, the next sibling of a
     * block element (a space follows a block when text or an inline element comes next).
     */
    private static final class Pass implements NodeVisitor {
        private final Element root;
        final StringBuilder html;
        final Text text;
        final Text sourceText; // null unless asked for
        private Element[] kept = new Element[16];
        /** Whether the start tag of kept[i] is closed ('>' written): it has a child. */
        private boolean[] open = new boolean[16];
        /** Whether the last child of kept[i] so far is a block element, whose trailing space waits for its next sibling. */
        private boolean[] blockEnded = new boolean[16];
        private int depth;
        private Urls urls;

        Pass(Element root, int inputLength, boolean withSourceText) {
            this.root = root;
            this.html = new StringBuilder(inputLength);
            this.text = new Text(inputLength / 2);
            this.sourceText = withSourceText ? new Text(inputLength / 2) : null;
            kept[0] = root;
            open[0] = true;
        }

        @Override
        public void head(Node node, int ignored) {
            if (sourceText != null) {
                sourceHead(node);
            }
            if (node instanceof Element el) {
                if (el == root || !TAGS.contains(el.normalName())) {
                    return; // left out, its content is still visited
                }
                beforeChild(el);
                if (!text.empty && (el.tag().isBlock() || el.nameIs("br")) && !text.endsWithSpace) {
                    text.space();
                }
                startTag(el);
                push(el);
            } else if (node instanceof TextNode textNode) { // CDATA too: the cleaner copied it as plain text
                beforeChild(textNode);
                String value = textNode.getWholeText();
                escape(value, html, false);
                if (preservesWhitespace()) {
                    text.raw(value);
                } else {
                    text.normalised(value);
                }
            } else if (node instanceof DataNode data && node.parent() != null && TAGS.contains(node.parent().normalName())) {
                beforeChild(data);
                html.append(data.getWholeData()); // as jsoup prints data (HTML syntax): unescaped
            }
            // comments and the like are left out
        }

        @Override
        public void tail(Node node, int ignored) {
            if (sourceText != null) {
                sourceTail(node);
            }
            if (node instanceof Element el && depth > 0 && kept[depth] == el) {
                depth--;
                Tag tag = el.tag();
                if (open[depth + 1]) {
                    html.append("</").append(el.tagName()).append('>');
                } else {
                    // jsoup's Element.outerHtmlHead for an element without children (HTML syntax)
                    boolean xmlMode = !tag.namespace().equals(Parser.NamespaceHtml);
                    if (xmlMode && (tag.is(Tag.SeenSelfClose) || (tag.isKnownTag() && (tag.isEmpty() || tag.isSelfClosing())))) {
                        html.append(" />");
                    } else if (!xmlMode && tag.isEmpty()) {
                        html.append('>');
                    } else {
                        html.append("></").append(el.tagName()).append('>');
                    }
                }
                blockEnded[depth] = tag.isBlock();
            }
        }

        /** A node is added to the clean tree under kept[depth]: close its parent's start tag, settle a block's space. */
        private void beforeChild(Node child) {
            if (!open[depth]) {
                html.append('>');
                open[depth] = true;
            }
            if (blockEnded[depth]) {
                blockEnded[depth] = false;
                boolean textOrInline = child instanceof TextNode || child instanceof Element el && el.tag().isInline();
                if (textOrInline && !text.endsWithSpace) {
                    text.space();
                }
            }
        }

        private void push(Element el) {
            depth++;
            if (depth == kept.length) {
                kept = Arrays.copyOf(kept, depth * 2);
                open = Arrays.copyOf(open, depth * 2);
                blockEnded = Arrays.copyOf(blockEnded, depth * 2);
            }
            kept[depth] = el;
            open[depth] = false;
            blockEnded[depth] = false;
        }

        /** jsoup's Element.preserveWhitespace on the clean parent: it or one of its five nearest ancestors is a pre. */
        private boolean preservesWhitespace() {
            for (int i = depth, n = 0; i >= 1 && n < 6; i--, n++) {
                if (kept[i].tag().preserveWhitespace()) {
                    return true;
                }
            }
            return false; // the clean body and html elements above never preserve whitespace
        }

        /** The start tag with the attributes the allowlist keeps, in their order, and rel on links; '>' comes later. */
        private void startTag(Element el) {
            html.append('<').append(el.tagName());
            if (el.attributesSize() == 0) {
                return;
            }
            String tag = Normalizer.lowerCase(el.tagName());
            Set<String> allowed = ATTRIBUTES.get(tag);
            if (allowed == null) {
                return;
            }
            Map<String, Set<String>> protocols = PROTOCOLS.get(tag);
            boolean link = el.normalName().equals("a");
            boolean hasHref = false;
            for (Attribute attribute : el.attributes()) {
                String key = Normalizer.lowerCase(attribute.getKey());
                if (!allowed.contains(key)) {
                    continue;
                }
                String value = attribute.getValue();
                Set<String> schemes = protocols == null ? null : protocols.get(key);
                if (schemes != null) {
                    value = allowedUrl(el, attribute, schemes);
                    if (value == null) {
                        continue;
                    }
                } else if (isLinkAttribute(key) && hasForeignScheme(value)) {
                    continue;
                }
                // the value is never null: the cleaner copied it with getValue(), so a bare <img alt> prints alt=""
                String validKey = Attribute.getValidKey(attribute.getKey(), Document.OutputSettings.Syntax.html);
                if (validKey == null) {
                    continue;
                }
                html.append(' ').append(validKey);
                if (!((value.isEmpty() || value.equalsIgnoreCase(validKey)) && Attribute.isBooleanAttribute(validKey))) {
                    html.append("=\"");
                    escape(value, html, true);
                    html.append('"');
                }
                hasHref |= link && key.equals("href");
            }
            if (hasHref) {
                html.append(" rel=\"").append(LINK_REL).append('"');
            }
        }

        /**
         * The value a URL attribute is kept with, or null when it goes: jsoup's Safelist.testValidProtocol (the URL
         * made absolute against the element's base, else as it is; its protocol one of these), after our check that
         * drops any scheme no linking attribute allows before the URL is resolved.
         */
        private String allowedUrl(Element el, Attribute attribute, Set<String> schemes) {
            if (isLinkAttribute(Normalizer.lowerCase(attribute.getKey())) && hasForeignScheme(attribute.getValue())) {
                return null;
            }
            if (urls == null) {
                urls = new Urls();
            }
            String value = urls.resolve(el.baseUri(), el.attributes().getIgnoreCase(attribute.getKey()));
            if (value.isEmpty()) {
                value = attribute.getValue();
            }
            String lower = Normalizer.lowerCase(value);
            for (String scheme : schemes) {
                if (lower.startsWith(scheme) && lower.length() > scheme.length() && lower.charAt(scheme.length()) == ':') {
                    return value;
                }
            }
            return null;
        }

        // ---- the text of the input itself, as Element.text() gives it on the parsed body (PlainText.ofHtml)

        private void sourceHead(Node node) {
            if (node instanceof TextNode textNode) {
                String value = textNode.getWholeText();
                if (textNode instanceof CDataNode || preservesWhitespaceInSource(textNode.parent())) {
                    sourceText.raw(value);
                } else {
                    sourceText.normalised(value);
                }
            } else if (node instanceof Element el) {
                if (!sourceText.empty && (el.tag().isBlock() || el.nameIs("br")) && !sourceText.endsWithSpace) {
                    sourceText.space();
                }
            }
        }

        private void sourceTail(Node node) {
            if (node instanceof Element el && node != root) {
                Node next = node.nextSibling();
                if (!el.tag().isInline() && (next instanceof TextNode || next instanceof Element n && n.tag().isInline())
                        && !sourceText.endsWithSpace) {
                    sourceText.space();
                }
            }
        }

        private static boolean preservesWhitespaceInSource(Element el) {
            for (int i = 0; i < 6 && el != null; i++, el = el.parent()) {
                if (el.tag().preserveWhitespace()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The text jsoup's {@code Element.text()} accumulates (call it R: spaces between blocks, text nodes with their
     * whitespace normalised as {@code StringUtil.appendNormalisedWhitespace} does, or as they are inside a pre), fed
     * straight through {@link PlainText#collapse} instead of kept: holds {@code collapse(R.trim())}, which is what
     * {@code PlainText.collapse(element.text())} gives, and what the accumulation looks at in R (empty? ends with a
     * space?), without building R and reading it twice more.
     */
    static final class Text {
        private final StringBuilder out;
        /** R is empty. */
        boolean empty = true;
        /** R ends with ' ' (jsoup's lastCharIsWhitespace). */
        boolean endsWithSpace;
        /** collapse: whitespace seen after something was written. */
        private boolean pendingSpace;

        Text(int capacity) {
            out = new StringBuilder(capacity);
        }

        /** R.append(' ') */
        void space() {
            empty = false;
            endsWithSpace = true;
            pendingSpace = out.length() > 0;
        }

        /** R.append(s) */
        void raw(String s) {
            int n = s.length();
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                collapse(s.charAt(i));
            }
            empty = false;
            endsWithSpace = s.charAt(n - 1) == ' ';
        }

        /** StringUtil.appendNormalisedWhitespace(R, s, lastCharIsWhitespace(R)) */
        void normalised(String s) {
            boolean stripLeading = endsWithSpace;
            boolean lastWasWhite = false;
            boolean reachedNonWhite = false;
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == 160) { // isActuallyWhitespace
                    if ((stripLeading && !reachedNonWhite) || lastWasWhite) {
                        continue;
                    }
                    space();
                    lastWasWhite = true;
                } else if (c != 8203 && c != 173) { // not isInvisibleChar (zero-width space, soft hyphen)
                    // a surrogate pair is two chars neither of which the above or collapse treat specially
                    collapse(c);
                    empty = false;
                    endsWithSpace = false;
                    lastWasWhite = false;
                    reachedNonWhite = true;
                }
            }
        }

        /** PlainText.collapse, one char at a time */
        private void collapse(char c) {
            // Character.isWhitespace(c) || c == nbsp || Character.isISOControl(c): up to ' ' all are, then none below DEL
            if (c <= ' ' || (c >= 0x7F && (c == 0xA0 || Character.isWhitespace(c) || Character.isISOControl(c)))) {
                pendingSpace = out.length() > 0;
                return;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }

    /**
     * jsoup's Entities.escape for HTML output in UTF-8 with the base entities (what a parsed document prints with),
     * without whitespace normalisation; in an attribute value '"' is escaped, in text it is not.
     */
    static void escape(String s, StringBuilder out, boolean attribute) {
        int start = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x3f && c < Character.MIN_SURROGATE && c != 0xA0) { // '?' and above: nothing to escape but nbsp
                continue;
            }
            String replacement;
            int width = 1;
            switch (c) {
                case '&' -> replacement = "&amp;";
                case 0xA0 -> replacement = "&nbsp;";
                case '<' -> replacement = "&lt;";
                case '>' -> replacement = "&gt;";
                case '"' -> replacement = attribute ? "&quot;" : null;
                case '\t', '\n', '\r' -> replacement = null;
                default -> {
                    if (c < 0x20) {
                        replacement = "&#x" + Integer.toHexString(c) + ";";
                    } else if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                        replacement = null;
                    } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                        // a supplementary code point: jsoup checks the char the code point truncates to, and encodes
                        // it when that is a surrogate (U+1D800–U+1DFFF, U+2D800…)
                        int codePoint = Character.toCodePoint(c, s.charAt(i + 1));
                        char truncated = (char) codePoint;
                        if (truncated >= Character.MIN_SURROGATE && truncated <= Character.MAX_SURROGATE) {
                            replacement = "&#x" + Integer.toHexString(codePoint) + ";";
                            width = 2;
                        } else {
                            i++; // both chars as they are
                            replacement = null;
                        }
                    } else {
                        replacement = "&#x" + Integer.toHexString(c) + ";"; // a lone surrogate
                    }
                }
            }
            if (replacement != null) {
                out.append(s, start, i).append(replacement);
                start = i + width;
                i += width - 1;
            }
        }
        out.append(s, start, length);
    }

    /** Schemes some linking attribute of the allowlist allows; a URL with any other scheme is dropped wherever it is. */
    private static final Set<String> ALLOWED_SCHEMES = Set.of("http", "https", "mailto");

    private static boolean isLinkAttribute(String lowerCaseKey) {
        return lowerCaseKey.equals("href") || lowerCaseKey.equals("src") || lowerCaseKey.equals("cite");
    }

    /**
     * Whether an href/src/cite value has a scheme no linking attribute allows (javascript:, data:, vbscript:, …): such a
     * value is dropped before it is made absolute. The protocol check would drop it too, but only after resolving it,
     * and {@code new URL()} with an unknown scheme looks for a handler through ServiceLoader, scanning the classpath,
     * every time. Read the way jsoup reads the scheme (control characters removed, then
     * {@code ^[a-zA-Z][a-zA-Z0-9+-.]*:}), so nothing it would keep is dropped.
     */
    private static boolean hasForeignScheme(String value) {
        String scheme = scheme(value);
        return scheme != null && !ALLOWED_SCHEMES.contains(scheme);
    }

    /** The value's scheme, lower-cased, or null when it has none (a relative URL). */
    static String scheme(String value) {
        StringBuilder scheme = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x1f) {
                continue; // jsoup strips C0 controls before reading the URL, as browsers do with tabs and newlines
            }
            if (c == ':') {
                return scheme.length() == 0 ? null : scheme.toString().toLowerCase(Locale.ROOT);
            }
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean rest = (c >= '0' && c <= '9') || (c >= '+' && c <= '.'); // + , - .
            if (!(letter || (scheme.length() > 0 && rest))) {
                return null;
            }
            scheme.append(c);
        }
        return null;
    }

    /**
     * jsoup's StringUtil.resolve(String, String) (what Element.absUrl does), made cheaper: an absolute http(s) URL
     * made only of plain characters is its own result and is returned as it is; otherwise the base is parsed once per
     * fragment instead of once per URL, and control characters are stripped without a regular expression.
     */
    static final class Urls {
        private static final Pattern VALID_URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+-.]*:");
        private String baseString;
        private URL base;
        private boolean baseMalformed;

        String resolve(String baseUrl, String relUrl) {
            if (isPlainAbsoluteHttpUrl(relUrl)) {
                return relUrl;
            }
            baseUrl = stripControlChars(baseUrl);
            relUrl = stripControlChars(relUrl);
            try {
                if (!baseUrl.equals(baseString)) {
                    baseString = baseUrl;
                    try {
                        base = new URL(baseUrl);
                        baseMalformed = false;
                    } catch (MalformedURLException e) {
                        base = null;
                        baseMalformed = true;
                    }
                }
                if (baseMalformed) {
                    // the base is unsuitable, but the attribute may be absolute on its own
                    return new URL(relUrl).toExternalForm();
                }
                return StringUtil.resolve(base, relUrl).toExternalForm();
            } catch (MalformedURLException e) {
                // it may still be valid, just that Java has no stream handler for it (tel:)
                return VALID_URI_SCHEME.matcher(relUrl).find() ? relUrl : "";
            }
        }

        /** jsoup's: every char from U+0000 to U+001F removed. */
        static String stripControlChars(String input) {
            for (int i = 0; i < input.length(); i++) {
                if (input.charAt(i) <= 0x1f) {
                    StringBuilder out = new StringBuilder(input.length());
                    for (int j = 0; j < input.length(); j++) {
                        char c = input.charAt(j);
                        if (c > 0x1f) {
                            out.append(c);
                        }
                    }
                    return out.toString();
                }
            }
            return input;
        }

        /**
         * {@code http://} or {@code https://}, a lower-case host name (letters, digits, dots, hyphens; no user, no
         * port), then optionally a path of unreserved, sub-delimiter, ':', '@', '%' and '/' characters without "." or
         * ".." segments, a query and a fragment of the same characters plus '/' and '?'. java.net.URL parses such a
         * URL into parts it prints back unchanged, and jsoup's fix-ups (leading dot segments, '?' alone) do not apply:
         * resolving it against any base gives it back. {@code SanitizerEquivalenceTest} checks that on random URLs.
         */
        static boolean isPlainAbsoluteHttpUrl(String url) {
            int i;
            if (url.startsWith("https://")) {
                i = 8;
            } else if (url.startsWith("http://")) {
                i = 7;
            } else {
                return false;
            }
            int n = url.length();
            int hostStart = i;
            while (i < n) {
                char c = url.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '.' || c == '-') && i > hostStart)) {
                    i++;
                } else {
                    break;
                }
            }
            if (i == hostStart) {
                return false;
            }
            if (i < n && url.charAt(i) == '/') {
                int segmentStart = i + 1;
                for (i = segmentStart; i < n; i++) {
                    char c = url.charAt(i);
                    if (c == '/' || c == '?' || c == '#') {
                        if (isDotSegment(url, segmentStart, i)) {
                            return false;
                        }
                        if (c != '/') {
                            break;
                        }
                        segmentStart = i + 1;
                    } else if (!isPlainUrlChar(c)) {
                        return false;
                    }
                }
                if (i == n && isDotSegment(url, segmentStart, n)) {
                    return false;
                }
            }
            if (i < n && url.charAt(i) == '?') {
                for (i++; i < n && url.charAt(i) != '#'; i++) {
                    char c = url.charAt(i);
                    if (!(isPlainUrlChar(c) || c == '/' || c == '?')) {
                        return false;
                    }
                }
            }
            if (i < n && url.charAt(i) == '#') {
                for (i++; i < n; i++) {
                    char c = url.charAt(i);
                    if (!(isPlainUrlChar(c) || c == '/' || c == '?')) {
                        return false;
                    }
                }
            }
            return i == n;
        }

        private static boolean isDotSegment(String url, int start, int end) {
            return (end - start == 1 && url.charAt(start) == '.')
                    || (end - start == 2 && url.charAt(start) == '.' && url.charAt(start + 1) == '.');
        }

        /** RFC 3986 unreserved and sub-delims, ':', '@' and '%' (not decoded, not checked). */
        private static boolean isPlainUrlChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@%".indexOf(c) >= 0;
        }
    }
}
