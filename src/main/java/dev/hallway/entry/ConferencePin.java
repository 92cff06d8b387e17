package dev.hallway.entry;

import dev.hallway.common.SqlErrors;
import dev.hallway.conference.Classification;
import dev.hallway.conference.ConferenceSeries;
import dev.hallway.conference.Conferences;
import dev.hallway.conference.Evidence;
import dev.hallway.conference.Slugs;
import dev.hallway.source.Source;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pins an entry's conference by hand, or lets the classifier decide again. */
@ApplicationScoped
public class ConferencePin {

    /**
     * @param series  a catalogue slug (fosdem), or a new series when name is given
     * @param edition "2019", "20x", "Amsterdam 2024"
     * @param name    the series' display name, for events missing from the catalogue
     * @param none    true: not a conference report
     */
    public record Request(String series, String edition, String name, Boolean none) {
    }

    private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}");

    @Inject
    Conferences conferences;
    @Inject
    ConferenceAssigner assigner;
    @Inject
    EntryChanges changes;
    @Inject
    java.time.Clock clock;

    public Classification pin(long entryId, Request request) {
        return retried(() -> pinOnce(entryId, request));
    }

    public Classification unpin(long entryId) {
        return retried(() -> unpinOnce(entryId));
    }

    /** A poll or a reclassification that wrote the row since it was read: read it again and pin that. */
    private static Classification retried(Supplier<Classification> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt >= 3 || !SqlErrors.isStaleRow(e)) {
                    throw e;
                }
            }
        }
    }

    private Classification pinOnce(long entryId, Request request) {
        Entry entry = entry(entryId);
        if (request == null) {
            throw new BadRequestException("send {\"series\":\"fosdem\",\"edition\":\"2019\"} or {\"none\":true}");
        }
        entry.conferencePinned = true;
        if (Boolean.TRUE.equals(request.none())) {
            ConferenceAssigner.write(entry, null);
            return null;
        }
        if (request.edition() == null || request.edition().isBlank()) {
            throw new BadRequestException("edition is required, like \"2019\" or \"20x\"");
        }
        String edition = request.edition().trim();
        ConferenceSeries series = request.series() == null ? null : conferences.catalogue().series(request.series());
        String seriesName;
        String seriesSlug;
        if (series != null) {
            seriesName = series.name();
            seriesSlug = series.slug();
        } else if (request.name() != null && !request.name().isBlank()) {
            seriesName = request.name().trim();
            seriesSlug = request.series() != null ? Slugs.of(request.series()) : Slugs.of(seriesName);
        } else {
            throw new BadRequestException("unknown series '" + request.series() + "': give its name to pin an event missing from the catalogue");
        }
        Classification c = new Classification(seriesSlug + "-" + Slugs.of(edition), seriesSlug, seriesName, edition,
                seriesName + " " + edition, year(series, edition), 1.0, series == null, false, true,
                List.of(new Evidence("pinned-by-operator", seriesName + " " + edition, 0)));
        ConferenceAssigner.write(entry, c);
        return c;
    }

    private Classification unpinOnce(long entryId) {
        Entry entry = entry(entryId);
        entry.conferencePinned = false;
        Source source = Source.findById(entry.sourceId);
        assigner.assign(entry, source == null ? null : source.conferenceHint);
        return ConferenceAssigner.read(entry);
    }

    private static Integer year(ConferenceSeries series, String edition) {
        Matcher m = YEAR.matcher(edition);
        if (m.find()) {
            return Integer.parseInt(m.group());
        }
        Matcher n = Pattern.compile("\\d+").matcher(edition);
        return series != null && series.numbered() && n.find() ? series.ordinal().yearOf(Integer.parseInt(n.group())) : null;
    }

    private Entry entry(long id) {
        Entry entry = Entry.findById(id);
        if (entry == null) {
            throw new NotFoundException("no entry " + id);
        }
        entry.changedAt = clock.instant(); // a pin changes what feeds show
        changes.changed();
        return entry;
    }
}
