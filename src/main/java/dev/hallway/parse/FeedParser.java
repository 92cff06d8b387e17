package dev.hallway.parse;

import com.rometools.rome.feed.module.DCModule;
import dev.hallway.common.HttpUrls;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.XmlFixerReader;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;
import org.jdom2.Document;
import org.jdom2.Element;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The only place that reads feeds with ROME. Turns bytes and a Content-Type into a {@link ParsedFeed}. */
@ApplicationScoped
public class FeedParser {

    private static final Logger LOG = Logger.getLogger(FeedParser.class);
    private static final String FEEDBURNER_NS = "http://rssnamespace.org/feedburner/ext/1.0";

    public ParsedFeed parse(byte[] body, String contentType, String feedUrl) throws FeedParseException {
        Document document;
        try {
            String xml = Doctypes.resolve(XmlText.decode(body, contentType));
            document = SecureXml.parseIfWellFormed(xml);
            if (document == null) {
                document = SecureXml.parse(heal(xml));
            }
        } catch (IOException e) {
            throw new FeedParseException("cannot decode the feed: " + message(e), e);
        }
        Base64Content.unwrap(document);
        HubLinks.Found websub = HubLinks.of(document, feedUrl);
        PublisherHints hints = PublisherHints.readAndDefuse(document);
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(document);
        } catch (FeedException | RuntimeException e) {
            // ROME fails on some documents with NullPointerException and the like rather than FeedException
            throw new FeedParseException("not a readable feed: " + message(e), e);
        }
        List<RawDates.Texts> dates = RawDates.of(document);
        if (dates.size() != feed.getEntries().size()) {
            dates = null; // cannot pair them up safely; ROME's dates alone will do
        }
        String siteLink = feed.getLink() == null ? null : HttpUrls.httpOrNull(resolve(feedUrl, feed.getLink()));
        String base = siteLink != null ? siteLink : feedUrl;
        List<ParsedItem> items = new ArrayList<>();
        for (int i = 0; i < feed.getEntries().size(); i++) {
            try {
                items.add(item(feed.getEntries().get(i), feedUrl, feed.getLanguage(), dates == null ? null : dates.get(i)));
            } catch (RuntimeException brokenItem) {
                LOG.debugf(brokenItem, "skipped an unreadable item of %s", feedUrl);
            }
        }
        String title = feed.getTitle() != null && !feed.getTitle().isBlank() ? feed.getTitle() : dcTitle(feed.getModule(DCModule.URI));
        return new ParsedFeed(feed.getFeedType(), trimToNull(title), base, trimToNull(feed.getLanguage()), items,
                websub.hubs(), websub.self(), hints);
    }

    /** ROME's healer: HTML entities (&nbsp;, &eacute;) that XML does not define become character references. */
    private static String heal(String xml) throws IOException {
        try (Reader reader = new XmlFixerReader(new StringReader(xml))) {
            StringBuilder out = new StringBuilder(xml.length());
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) != -1) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        }
    }

    private ParsedItem item(SyndEntry entry, String feedUrl, String feedLanguage, RawDates.Texts dates) {
        String resolvedLink = link(entry, feedUrl);
        List<String> authors = new ArrayList<>();
        for (SyndPerson person : entry.getAuthors()) {
            addName(authors, person.getName());
        }
        addName(authors, entry.getAuthor());
        List<String> categories = new ArrayList<>();
        for (SyndCategory category : entry.getCategories()) {
            if (category.getName() != null && !category.getName().isBlank()) {
                categories.add(category.getName().trim());
            }
        }
        return new ParsedItem(
                title(entry),
                resolvedLink,
                trimToNull(entry.getUri()),
                List.copyOf(new LinkedHashSet<>(authors)),
                instant(entry.getPublishedDate()),
                instant(entry.getUpdatedDate()),
                dates == null ? null : dates.published(),
                dates == null ? null : dates.updated(),
                html(entry.getContents()),
                entry.getDescription() == null ? null : html(List.of(entry.getDescription())),
                categories,
                trimToNull(feedLanguage),
                resolvedLink != null ? resolvedLink : feedUrl);
    }

    /** The title, else dc:title, else media:title. */
    private static String title(SyndEntry entry) {
        if (entry.getTitle() != null && !entry.getTitle().isBlank()) {
            return entry.getTitle();
        }
        String dc = dcTitle(entry.getModule(DCModule.URI));
        if (dc != null) {
            return dc;
        }
        for (Element element : entry.getForeignMarkup()) {
            if ("title".equals(element.getName()) && !element.getTextTrim().isEmpty()) {
                return element.getTextTrim();
            }
        }
        return entry.getTitle();
    }

    private static String dcTitle(com.rometools.rome.feed.module.Module module) {
        return module instanceof DCModule dc && dc.getTitle() != null && !dc.getTitle().isBlank() ? dc.getTitle() : null;
    }

    /**
     * The post's URL, resolved against the feed's: feedburner:origLink, else the link, else an alternate link, else a
     * permalink GUID — the first of them that is an http(s) URL. A {@code javascript:}, {@code data:} or otherwise
     * foreign link is passed over, never stored.
     */
    private static String link(SyndEntry entry, String feedUrl) {
        List<String> candidates = new ArrayList<>();
        for (Element element : entry.getForeignMarkup()) {
            if ("origLink".equals(element.getName()) && FEEDBURNER_NS.equals(element.getNamespaceURI())) {
                candidates.add(element.getTextTrim());
            }
        }
        candidates.add(entry.getLink());
        for (SyndLink l : entry.getLinks()) {
            if (l.getRel() == null || "alternate".equals(l.getRel())) {
                candidates.add(l.getHref());
            }
        }
        String uri = entry.getUri();
        if (uri != null && uri.trim().toLowerCase(Locale.ROOT).matches("https?://.+")) {
            candidates.add(uri);
        }
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                String url = HttpUrls.httpOrNull(resolve(feedUrl, candidate));
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    /** The first non-empty content, as HTML; plain text is escaped so it stays text. */
    private static String html(List<SyndContent> contents) {
        for (SyndContent content : contents) {
            String value = content.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            String type = content.getType() == null ? "html" : content.getType().toLowerCase(Locale.ROOT);
            if (type.equals("text") || type.equals("text/plain")) {
                return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            }
            return value;
        }
        return null;
    }

    private static void addName(List<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name.trim());
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String resolve(String base, String link) {
        try {
            return URI.create(base).resolve(link.trim()).toString();
        } catch (IllegalArgumentException e) {
            return link.trim();
        }
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String message(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
