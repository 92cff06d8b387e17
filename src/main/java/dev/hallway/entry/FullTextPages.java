package dev.hallway.entry;

import dev.hallway.common.ColumnText;
import dev.hallway.common.SqlErrors;
import dev.hallway.normalize.ArticleExtractor;
import dev.hallway.normalize.PlainText;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The posts of summary-only feeds whose pages are fetched for their full text ({@link EntryPage}): which are due, and
 * what a fetch brought. A post's text becomes the page's main text; the feed's excerpt stays until then, and for good
 * when every attempt failed. The entry keeps the feed item's content hash, so the same excerpt seen again on the next
 * poll is "seen again", not an edit that would bring the excerpt back.
 */
@ApplicationScoped
public class FullTextPages {

    private static final int ERROR_COLUMN = 2000, ETAG_COLUMN = 1024, LAST_MODIFIED_COLUMN = 256;

    @Inject
    ConferenceAssigner assigner;
    @Inject
    EntryChanges changes;

    /**
     * A post whose page is to be fetched.
     *
     * @param excerpt   the feed's text for it, which the page must beat; null when the entry already shows a page's text
     *                  (the feed edited the post: the page is fetched again, conditionally)
     * @param etag      the validators of the page whose text the entry shows, or null
     */
    public record Due(long entryId, String url, String excerpt, String etag, String lastModified, int attempts) {
    }

    /** New posts of a summary-only feed: their pages are to be fetched. */
    public void queue(long sourceId, Collection<Long> entryIds, Instant now) {
        if (entryIds.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            List<Long> known = EntryPage.<EntryPage>list("entryId in ?1", entryIds).stream().map(p -> p.entryId).toList();
            for (Long id : entryIds) {
                if (!known.contains(id)) {
                    EntryPage page = new EntryPage();
                    page.entryId = id;
                    page.sourceId = sourceId;
                    page.status = EntryPage.PENDING;
                    page.createdAt = now;
                    page.persist();
                }
            }
        });
    }

    /** The feed's posts whose pages are due, newest first: pending, with attempts left. */
    public List<Due> due(long sourceId, int maxAttempts, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> Entry.getEntityManager().createQuery(
                        "select p, e from EntryPage p, Entry e where e.id = p.entryId and p.sourceId = :source"
                                + " and p.status = :pending and p.attempts < :max and e.url is not null"
                                + " and e.prunedAt is null" // retention took its text: never fetched back
                                + " order by e.publishedAt desc, e.id desc", Object[].class)
                .setParameter("source", sourceId).setParameter("pending", EntryPage.PENDING).setParameter("max", maxAttempts)
                .setMaxResults(limit).getResultList().stream().map(row -> {
                    EntryPage p = (EntryPage) row[0];
                    Entry e = (Entry) row[1];
                    boolean holdsText = p.fetchedAt != null;
                    return new Due(e.id, e.url, holdsText ? null : PlainText.ofHtml(e.contentHtml),
                            holdsText ? p.etag : null, holdsText ? p.lastModified : null, p.attempts);
                }).toList());
    }

    /** The page's main text becomes the post's text; the classifier reads it again. */
    public void fetched(long entryId, ArticleExtractor.Extracted article, String etag, String lastModified,
                        String conferenceHint, Instant now) {
        retryingStale(() -> {
            Entry entry = Entry.findById(entryId);
            EntryPage page = EntryPage.findById(entryId);
            if (entry == null || page == null) {
                return null;
            }
            if (entry.prunedAt == null && !article.html().equals(entry.contentHtml)) { // retention took its text: it stays gone
                entry.contentHtml = article.html();
                entry.changedAt = now;
                assigner.assign(entry, conferenceHint, article.text());
                changes.changed();
            }
            page.status = EntryPage.DONE;
            page.attempts = 0;
            page.lastError = null;
            page.etag = ColumnText.orNullIfLonger(etag, ETAG_COLUMN);
            page.lastModified = ColumnText.orNullIfLonger(lastModified, LAST_MODIFIED_COLUMN);
            page.fetchedAt = now;
            return null;
        });
    }

    /** A 304 for a page whose text the post shows: it stands. */
    public void unchanged(long entryId, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> EntryPage.update(
                "status = ?1, attempts = 0, lastError = null, fetchedAt = ?2 where entryId = ?3", EntryPage.DONE, now, entryId));
    }

    /**
     * A fetch that brought no text: the post keeps what it shows (the feed's excerpt), and the reason is kept; after
     * {@code maxAttempts} the page is given up.
     */
    public void failed(long entryId, String reason, int maxAttempts) {
        QuarkusTransaction.requiringNew().run(() -> {
            EntryPage page = EntryPage.findById(entryId);
            if (page == null) {
                return;
            }
            page.attempts++;
            page.lastError = ColumnText.cut(reason, ERROR_COLUMN);
            page.status = page.attempts >= maxAttempts ? EntryPage.FAILED : EntryPage.PENDING;
        });
    }

    /**
     * The feed edited a post whose page was fetched: its page is due again (conditionally, when the post shows the
     * page's text). Called by the store, inside its transaction. Returns whether the post shows a page's text, which
     * the edit must then not replace with the new excerpt. Another feed's copy (a full-text feed of the post's own
     * site, say) replaces it as any copy would.
     */
    static boolean reopen(long entryId, long sourceId) {
        EntryPage page = EntryPage.findById(entryId);
        if (page == null || page.sourceId != sourceId) {
            return false;
        }
        page.status = EntryPage.PENDING;
        page.attempts = 0;
        return page.fetchedAt != null;
    }

    /** The state of these posts' pages, by entry id, for the API. */
    static java.util.Map<Long, EntryPage> of(Collection<Long> entryIds) {
        java.util.Map<Long, EntryPage> pages = new java.util.HashMap<>();
        EntryPage.<EntryPage>list("entryId in ?1", entryIds).forEach(p -> pages.put(p.entryId, p));
        return pages;
    }

    private static void retryingStale(Supplier<Void> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().call(work::get);
                return;
            } catch (RuntimeException e) {
                // a poll of another feed carrying the post, a pin or a reclassification wrote the row meanwhile
                if (attempt >= 3 || !SqlErrors.isStaleRow(e)) {
                    throw e;
                }
            }
        }
    }
}
