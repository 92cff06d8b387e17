package dev.hallway.publish;

import dev.hallway.entry.Entry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Reads the entries of a feed scope page by page (newest first), for the Atom feeds and the pages. */
@ApplicationScoped
public class FeedPages {

    /** @throws PageOutOfRange when the page does not exist */
    FeedPage load(FeedScope scope, int page, int size) {
        PanacheQuery<Entry> query = switch (scope.conference() == null ? "" : scope.conference()) {
            case "" -> Entry.findAll(order());
            case "*" -> Entry.find("conferenceSlug is not null", order());
            default -> Entry.find(Entry.ofConference(null), order(), Parameters.with("conference", scope.conference()));
        };
        long total = query.count();
        int lastPage = (int) Math.max(1, (total + size - 1) / size);
        if (page < 1 || page > lastPage) {
            throw new PageOutOfRange(page, lastPage);
        }
        var entries = query.page(Page.of(page - 1, size)).list();
        Instant newest = entries.stream().map(e -> e.changedAt).max(Instant::compareTo).orElse(null);
        return new FeedPage(entries, page, lastPage, newest);
    }

    private static Sort order() {
        return Sort.descending("publishedAt").and("id", Sort.Direction.Descending);
    }

    /** A page number past the last page (or below 1). */
    static final class PageOutOfRange extends RuntimeException {
        PageOutOfRange(int page, int last) {
            super("page " + page + " does not exist: pages run from 1 to " + last);
        }
    }
}
