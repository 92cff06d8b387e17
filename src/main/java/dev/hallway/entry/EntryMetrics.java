package dev.hallway.entry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * hallway.entries.ingested{kind=new|updated}: posts stored for the first time, and known posts whose text changed;
 * hallway.fingerprints (rows), hallway.fingerprints.bytes and hallway.fingerprints.reload.seconds: the in-memory
 * fingerprint index, which grows with the store (bench/README "Scale on PostgreSQL").
 */
@Startup
@ApplicationScoped
public class EntryMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    FingerprintIndex fingerprints;

    private Counter added;
    private Counter updated;

    @PostConstruct
    void register() {
        added = counter("new");
        updated = counter("updated");
        Gauge.builder("hallway.fingerprints", fingerprints, FingerprintIndex::size)
                .description("Fingerprints of stored posts held in memory, to recognise syndicated copies").register(registry);
        Gauge.builder("hallway.fingerprints.bytes", fingerprints, FingerprintIndex::bytes)
                .description("Heap the fingerprint index holds").baseUnit("bytes").register(registry);
        Gauge.builder("hallway.fingerprints.reload.seconds", fingerprints, f -> f.lastReloadMillis() / 1000.0)
                .description("How long the last full reload of the fingerprint index from the database took").register(registry);
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
