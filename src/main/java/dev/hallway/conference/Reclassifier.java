package dev.hallway.conference;

import dev.hallway.entry.Entry;
import dev.hallway.entry.EntryChanges;
import dev.hallway.source.Source;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Classifies every stored entry again, in batches, leaving pinned ones alone. */
@ApplicationScoped
public class Reclassifier {

    private static final int BATCH = 500;

    @Inject
    ConferenceAssigner assigner;
    @Inject
    EntryChanges changes;
    @Inject
    java.time.Clock clock;

    /** @return how many entries changed conference */
    public int reclassifyAll() {
        int changed = 0;
        long after = -1;
        while (true) {
            long from = after;
            long[] result = QuarkusTransaction.requiringNew().call(() -> batch(from));
            if (result[0] == 0) {
                return changed;
            }
            changed += (int) result[1];
            if (result[1] > 0) {
                changes.changed();
            }
            after = result[2];
        }
    }

    /** @return {entries read, entries changed, last id} */
    private long[] batch(long afterId) {
        List<Entry> entries = Entry.<Entry>find("id > ?1 order by id", afterId).page(0, BATCH).list();
        if (entries.isEmpty()) {
            return new long[] {0, 0, 0};
        }
        Map<Long, String> hints = new HashMap<>();
        for (Source source : Source.<Source>list("conferenceHint is not null")) {
            hints.put(source.id, source.conferenceHint);
        }
        int changed = 0;
        for (Entry entry : entries) {
            if (assigner.assign(entry, hints.get(entry.sourceId))) {
                entry.changedAt = clock.instant();
                changed++;
            }
        }
        return new long[] {entries.size(), changed, entries.get(entries.size() - 1).id};
    }
}
