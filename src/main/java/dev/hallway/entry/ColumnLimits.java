package dev.hallway.entry;

import java.util.ArrayList;
import java.util.List;

/**
 * The column sizes of {@code entry} and {@code sighting} (db/migration V2, V4): every string that came from a feed is
 * made to fit just before its row is written, whoever set it (the normalizer, the conference classifier, an
 * operator's pin), so that a long detected event name or a thousand tags never fail the poll that stores them.
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
        e.canonicalUrl = truncate(e.canonicalUrl, URL);
        e.url = e.url != null && e.url.length() > URL ? null : e.url; // a cut URL would lead elsewhere
        e.guid = truncate(e.guid, GUID);
        e.title = truncate(e.title, TITLE);
        e.authors = fitLines(e.authors, NAMES);
        e.tags = fitLines(e.tags, NAMES);
        e.language = e.language != null && e.language.length() > LANGUAGE ? null : e.language;
        e.summary = truncate(e.summary, SUMMARY);
        e.conferenceSlug = truncate(e.conferenceSlug, CONFERENCE_SLUG);
        e.conferenceSeries = truncate(e.conferenceSeries, CONFERENCE_SERIES);
        e.conferenceSeriesName = truncate(e.conferenceSeriesName, CONFERENCE_SERIES_NAME);
        e.conferenceEdition = truncate(e.conferenceEdition, CONFERENCE_EDITION);
        e.conferenceName = truncate(e.conferenceName, CONFERENCE_NAME);
    }

    static void fit(Sighting s) {
        s.url = s.url != null && s.url.length() > URL ? null : s.url;
        s.guid = truncate(s.guid, GUID);
    }

    /** At most {@code max} chars, never half a surrogate pair. */
    static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
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
            kept.add(truncate(name, room));
            used += (kept.size() == 1 ? 0 : 1) + Math.min(name.length(), room);
        }
        return List.copyOf(kept);
    }
}
