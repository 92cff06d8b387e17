package dev.hallway.entry;

import dev.hallway.source.Source;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads entries newest first, with keyset paging (stable while new posts arrive). */
@ApplicationScoped
public class EntryQueries {

    @Inject
    EntityManager em;

    /** Filters of GET /entries; null means "any". */
    public record Filter(Long sourceId, Instant since, String conference) {
    }

    public EntryView.Page page(Filter filter, int limit, EntryCursor after) {
        StringBuilder jpql = new StringBuilder("select e from Entry e where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.sourceId() != null) {
            jpql.append(" and exists (select 1 from Sighting s where s.key.entryId = e.id and s.key.sourceId = :source)");
            params.put("source", filter.sourceId());
        }
        if (filter.conference() != null) {
            jpql.append(" and ").append(Entry.ofConference("e"));
            params.put("conference", filter.conference());
        }
        if (filter.since() != null) {
            jpql.append(" and e.publishedAt >= :since");
            params.put("since", filter.since());
        }
        if (after != null) {
            jpql.append(" and (e.publishedAt < :cp or (e.publishedAt = :cp and e.id < :ci))");
            params.put("cp", after.published());
            params.put("ci", after.id());
        }
        jpql.append(" order by e.publishedAt desc, e.id desc");
        TypedQuery<Entry> query = em.createQuery(jpql.toString(), Entry.class).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        List<Entry> rows = query.getResultList();
        boolean more = rows.size() > limit;
        List<Entry> page = more ? rows.subList(0, limit) : rows;
        String next = more ? new EntryCursor(page.get(limit - 1).publishedAt, page.get(limit - 1).id).encode() : null;
        return new EntryView.Page(views(page), next);
    }

    public EntryView one(long id) {
        Entry entry = Entry.findById(id);
        return entry == null ? null : views(List.of(entry)).get(0);
    }

    private List<EntryView> views(List<Entry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Long> ids = entries.stream().map(e -> e.id).toList();
        Map<Long, List<Sighting>> sightings = Sighting.<Sighting>list("key.entryId in ?1 order by firstSeenAt", ids).stream()
                .collect(Collectors.groupingBy(s -> s.key.entryId()));
        Map<Long, String> names = new HashMap<>();
        Source.byId().forEach((id, source) -> names.put(id, source.displayName()));
        List<EntryView> views = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            List<EntryView.SightingView> seen = sightings.getOrDefault(e.id, List.of()).stream()
                    .map(s -> new EntryView.SightingView(s.key.sourceId(), names.get(s.key.sourceId()), s.url, s.guid,
                            s.firstSeenAt, s.lastSeenAt))
                    .toList();
            views.add(new EntryView(e.id, e.title, e.url, e.canonicalUrl, e.guid, e.authors, e.publishedAt, e.updatedAt,
                    e.dateMissing, e.dateClamped, e.language, e.tags, e.summary, e.contentHtml,
                    new EntryView.SourceRef(e.sourceId, names.get(e.sourceId)), e.firstSeenAt, e.lastSeenAt, seen,
                    ConferenceAssigner.read(e), e.prunedAt));
        }
        return views;
    }
}
