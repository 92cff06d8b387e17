package dev.hallway.publish;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import dev.hallway.common.HttpUrls;
import dev.hallway.common.XmlChars;
import dev.hallway.source.Source;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Writes a page of entries as Atom 1.0 with ROME. ROME silently drops a feed or entry without id or updated,
 * so both are always set; every entry has an author (its blog when the post names none) and a source.
 */
final class AtomFeedWriter {

    private final String baseUrl;
    private final String version;
    private final FeedIds ids;

    /** Our WebSub hub, advertised as {@code <link rel="hub">}, or null. */
    private final String hub;

    AtomFeedWriter(String baseUrl, String version, String hub) {
        this.hub = hub;
        this.baseUrl = dev.hallway.config.BaseUrl.trimmed(baseUrl);
        this.version = version;
        this.ids = new FeedIds(this.baseUrl);
    }

    byte[] write(FeedScope scope, FeedPage page, Map<Long, Source> sources, Instant now) {
        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(ids.feed(scope));
        feed.setTitleEx(text(scope.title()));
        feed.setSubtitle(text(scope.subtitle()));
        feed.setUpdated(Date.from(page.newest() != null ? page.newest() : now));
        feed.setAlternateLinks(List.of(link("alternate", baseUrl + scope.htmlPath(), "text/html")));
        List<Link> others = new ArrayList<>();
        others.add(link("self", pageUrl(scope, page.page()), "application/atom+xml"));
        if (hub != null) {
            others.add(link("hub", hub, null));
        }
        others.add(link("first", pageUrl(scope, 1), "application/atom+xml"));
        others.add(link("last", pageUrl(scope, page.lastPage()), "application/atom+xml"));
        if (page.page() > 1) {
            others.add(link("previous", pageUrl(scope, page.page() - 1), "application/atom+xml"));
        }
        if (page.page() < page.lastPage()) {
            others.add(link("next", pageUrl(scope, page.page() + 1), "application/atom+xml"));
        }
        feed.setOtherLinks(others);
        Generator generator = new Generator();
        generator.setValue("Hallway");
        generator.setVersion(version);
        generator.setUrl(baseUrl + "/");
        feed.setGenerator(generator);
        feed.setAuthors(List.of(person("Hallway", baseUrl + "/")));
        List<Entry> entries = new ArrayList<>();
        for (dev.hallway.entry.Entry e : page.entries()) {
            entries.add(entry(e, sources.get(e.sourceId)));
        }
        feed.setEntries(entries);
        try {
            return new WireFeedOutput().outputString(feed, false).getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("cannot write Atom feed " + scope.path(FeedFormat.ATOM), e);
        }
    }

    private Entry entry(dev.hallway.entry.Entry e, Source source) {
        Entry entry = new Entry();
        entry.setId(ids.entry(e));
        entry.setTitleEx(text(e.title));
        String url = HttpUrls.httpOrNull(e.url);
        if (url != null) {
            entry.setAlternateLinks(List.of(link("alternate", url, "text/html")));
        }
        entry.setPublished(Date.from(e.publishedAt));
        entry.setUpdated(Date.from(e.updatedAt));
        String blog = source == null ? "Unknown blog" : source.displayName();
        List<SyndPerson> authors = new ArrayList<>();
        for (String author : e.authors) {
            authors.add(person(author, null));
        }
        if (authors.isEmpty()) {
            authors.add(person(blog, null));
        }
        entry.setAuthors(authors);
        if (e.summary != null) {
            entry.setSummary(text(e.summary));
        }
        if (e.contentHtml != null) {
            Content content = new Content();
            content.setType("html");
            content.setValue(XmlChars.clean(e.contentHtml));
            entry.setContents(List.of(content));
        }
        List<Category> categories = new ArrayList<>();
        for (String tag : e.tags) {
            Category category = new Category();
            category.setTerm(XmlChars.clean(tag));
            categories.add(category);
        }
        if (e.conferenceSlug != null) {
            Category conference = new Category();
            conference.setTerm(e.conferenceSlug);
            conference.setScheme(baseUrl + "/conferences/");
            conference.setLabel(XmlChars.clean(e.conferenceName));
            categories.add(conference);
        }
        entry.setCategories(categories);
        if (source != null) {
            Feed origin = new Feed("atom_1.0");
            origin.setId(source.url);
            origin.setTitleEx(text(blog));
            origin.setAlternateLinks(List.of(link("alternate", HttpUrls.isHttp(source.siteUrl) ? HttpUrls.httpOrNull(source.siteUrl) : source.url, "text/html")));
            origin.setOtherLinks(List.of(link("self", source.url, null)));
            origin.setUpdated(Date.from(e.lastSeenAt));
            entry.setSource(origin);
        }
        return entry;
    }

    private String pageUrl(FeedScope scope, int page) {
        return scope.pageUrl(baseUrl, FeedFormat.ATOM, page);
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType("text");
        content.setValue(XmlChars.clean(value == null ? "" : value));
        return content;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        if (type != null) {
            link.setType(type);
        }
        return link;
    }

    private static Person person(String name, String uri) {
        Person person = new Person();
        person.setName(XmlChars.clean(name));
        if (uri != null) {
            person.setUri(uri);
        }
        return person;
    }
}
