package dev.hallway.entry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** hallway.entries.ingested{kind=new|updated}: posts stored for the first time, and known posts whose text changed. */
@Startup
@ApplicationScoped
public class EntryMetrics {

    @Inject
    MeterRegistry registry;

    private Counter added;
    private Counter updated;

    @PostConstruct
    void register() {
        added = counter("new");
        updated = counter("updated");
    }

    private Counter counter(String kind) {
        return Counter.builder("hallway.entries.ingested").description("Entries stored: new posts, and posts whose text changed")
                .tag("kind", kind).register(registry);
    }

    /** Counts a committed store and hands its result on. */
    EntryStore.Result ingested(EntryStore.Result result) {
        added.increment(result.added());
        updated.increment(result.updated());
        return result;
    }
}
