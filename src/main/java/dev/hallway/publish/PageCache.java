package dev.hallway.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallway.conference.Conferences;
import dev.hallway.config.HallwayConfig;
import dev.hallway.entry.EntryChanges;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The pages readers poll — the home page, conference pages and their JSON, the list of conferences — rendered once
 * per entry version (each runs aggregate queries) by the same resource methods as before, and kept as bytes.
 * The conferences index also shows each series' next edition, which depends on the day and on the catalogue in force
 * rather than on entries: its key names both, so a new day or a catalogue edit renders it again.
 */
@ApplicationScoped
public class PageCache {

    static final String HTML = "text/html;charset=UTF-8";
    static final String JSON = "application/json;charset=UTF-8";
    static final String HOME = "html:/";
    static final String CONFERENCES = "json:/conferences";

    @Inject
    HallwayConfig config;
    @Inject
    EntryChanges changes;
    @Inject
    PageResource home;
    @Inject
    ConferencePageResource conferencePages;
    @Inject
    ConferenceResource conferenceApi;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @Inject
    Conferences catalogue;
    @Inject
    PageFiles files;

    private RenderCache cache;

    @PostConstruct
    void init() {
        cache = new RenderCache(config.feed().cacheSize().asLongValue());
    }

    /** The key of the conferences index today, with this catalogue (cheap: computed on the event loop). */
    String conferencesPageKey() {
        return "html:/conferences@" + LocalDate.now(clock) + "#" + Integer.toHexString(System.identityHashCode(catalogue.catalogue()));
    }

    static String conferencePageKey(String slug) {
        return "html:/conferences/" + slug;
    }

    static String conferenceJsonKey(String slug) {
        return "json:/conferences/" + slug;
    }

    /** The cached page for this version, or null: never blocks (for the event loop). */
    Rendered cached(String key, String version) {
        return cache.peek(key, version);
    }

    // The renders below block (queries, templates): call them on a worker. A 404 is thrown as the resources throw it.

    Rendered home() {
        return render(HOME, () -> html(home.index()));
    }

    Rendered conferencePage(String slug) {
        return render(conferencePageKey(slug), () -> html(conferencePages.conference(slug)));
    }

    /** The conferences index under {@code key}, from {@link #conferencesPageKey()}. */
    Rendered conferencesPage(String key) {
        return render(key, () -> html(conferencePages.index()));
    }

    Rendered conferences() {
        return render(CONFERENCES, () -> json(conferenceApi.list()));
    }

    Rendered conferenceJson(String slug) {
        return render(conferenceJsonKey(slug), () -> json(conferenceApi.one(slug)));
    }

    private Rendered render(String key, Supplier<byte[]> body) {
        String version = changes.version();
        return cache.get(key, version, () -> Rendered.page(body.get(), key.startsWith("html:") ? HTML : JSON, version, files));
    }

    private static byte[] html(TemplateInstance page) {
        return page.render().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The render cache, for its counts (metrics, tests). */
    RenderCache cache() {
        return cache;
    }
}
