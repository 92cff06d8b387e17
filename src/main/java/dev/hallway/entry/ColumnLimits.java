package dev.hallway.entry;

import static dev.hallway.common.ColumnText.cut;
import static dev.hallway.common.ColumnText.orNullIfLonger;

import java.util.ArrayList;
import java.util.List;

/**
 * The column sizes of {@code entry} and {@code sighting} (db/migration V2, V4): every string that came from a feed is
 * made to fit just before its row is written, whoever set it (the normalizer, the conference classifier, an
 * operator's pin), so that a long detected event name or a thousand tags never fail the poll that stores them. Rows
 * Hibernate writes are fitted by their entities' {@code @PrePersist}/{@code @PreUpdate}; rows {@link EntryBatch} writes
 * with plain JDBC, by it.
 */
final class ColumnLimits {

    static final int URL = 4096;
    static final int GUID = 2048;
    static final int TITLE = 2048;
    static final int NAMES = 4000; // authors and tags, one per line
    static final int LANGUAGE = 35;
    static final int SUMMARY = 4000;
    static final int CONFERENCE_SLUG = 200;
    static final int CONFERENCE_SERIES = 200;
    static final int CONFERENCE_SERIES_NAME = 300;
    static final int CONFERENCE_EDITION = 100;
    static final int CONFERENCE_NAME = 400;

    private ColumnLimits() {
    }

    static void fit(Entry e) {
        e.canonicalUrl = cut(e.canonicalUrl, URL);
        e.url = orNullIfLonger(e.url, URL); // a cut URL would lead elsewhere
        e.guid = cut(e.guid, GUID);
        e.title = cut(e.title, TITLE);
        e.authors = fitLines(e.authors, NAMES);
        e.tags = fitLines(e.tags, NAMES);
        e.language = orNullIfLonger(e.language, LANGUAGE);
        e.summary = cut(e.summary, SUMMARY);
        e.conferenceSlug = cut(e.conferenceSlug, CONFERENCE_SLUG);
        e.conferenceSeries = cut(e.conferenceSeries, CONFERENCE_SERIES);
        e.conferenceSeriesName = cut(e.conferenceSeriesName, CONFERENCE_SERIES_NAME);
        e.conferenceEdition = cut(e.conferenceEdition, CONFERENCE_EDITION);
        e.conferenceName = cut(e.conferenceName, CONFERENCE_NAME);
    }

    static void fit(Sighting s) {
        s.url = orNullIfLonger(s.url, URL);
        s.guid = cut(s.guid, GUID);
    }

    /** As many of the names as fit in one column, one per line (see StringListConverter). */
    private static List<String> fitLines(List<String> names, int max) {
        if (names == null) {
            return List.of();
        }
        int length = names.isEmpty() ? 0 : names.size() - 1;
        for (String name : names) {
            length += name.length();
        }
        if (length <= max) {
            return names;
        }
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (String name : names) {
            int room = max - used - (kept.isEmpty() ? 0 : 1);
            if (room <= 0) {
                break;
            }
            kept.add(cut(name, room));
            used += (kept.size() == 1 ? 0 : 1) + Math.min(name.length(), room);
        }
        return List.copyOf(kept);
    }
}
