package dev.hallway.poll;

import dev.hallway.config.HallwayConfig;
import dev.hallway.config.Leases;
import dev.hallway.source.Source;
import dev.hallway.source.SourceStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.jpa.HibernateHints;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who polls which feed. A feed is polled only by the instance holding its lease ({@link Leases}: taken with one
 * conditional UPDATE, atomic on any database, so several instances can share one; it expires on its own if the
 * instance dies).
 */
@ApplicationScoped
public class PollClaims {

    @Inject
    HallwayConfig config;
    @Inject
    Clock clock;
    @Inject
    Leases leases;

    /** Most ids in one {@code in (…)} of {@link #claimNow}. */
    private static final int IN_LIST = 64;

    private volatile boolean closed;

    /** A feed asked for; {@code ours}: this instance now holds its lease and may poll it. */
    public record Claimed(PollTarget target, boolean ours) {
    }

    /** Claims up to {@code max} due feeds, oldest due first. */
    public List<PollTarget> claimDue(int max) {
        if (max <= 0 || closed) {
            return List.of();
        }
        Instant now = clock.instant();
        List<PollTarget> candidates = QuarkusTransaction.requiringNew().call(() -> Source.<Source>find(
                        "active = true and status <> :disabled and nextPollAt <= :now and " + Leases.FREE + " order by nextPollAt",
                        Parameters.with("disabled", SourceStatus.DISABLED).and("now", now))
                .page(0, max).list().stream().map(PollTarget::of).toList());
        List<PollTarget> claimed = new ArrayList<>();
        for (PollTarget c : candidates) {
            if (claim(c.id())) {
                claimed.add(c);
            }
        }
        return claimed;
    }

    /**
     * Claims these feeds for a poll an operator asked for, due or not, in one transaction (an unchanged poll of
     * every feed is mostly this bookkeeping). One answer per id, in order; a feed another poll holds is not ours.
     */
    public List<Claimed> claimNow(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Claimed> answers = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += IN_LIST) {
                answers.addAll(claimNowInTransaction(ids.subList(from, Math.min(ids.size(), from + IN_LIST))));
            }
            return answers;
        });
    }

    /**
     * At most {@link #IN_LIST} ids: H2 finds the rows of {@code id in (…)} through the primary key but then tests each
     * row against the whole list again, one value after the other; with 500 ids, three such statements were most of
     * the claim of an unchanged cycle.
     */
    private List<Claimed> claimNowInTransaction(List<Long> ids) {
        // leases we held already belong to polls in flight here: those feeds are busy, not newly ours
        Set<Long> inFlight = Set.copyOf(Source.getEntityManager().createQuery(
                        "select s.id from Source s where s.id in :ids and s." + Leases.OURS, Long.class)
                .setParameter("ids", ids).setParameter("owner", leases.owner()).getResultList());
        if (!closed) { // shutting down: every feed answers busy
            Source.update(Leases.TAKE + " where id in :ids and " + Leases.FREE,
                    leases.take(config.poll().lease()).and("ids", ids));
        }
        // read-only: nothing here changes them, so the commit has no snapshots of the sources to compare
        Map<Long, Source> byId = new HashMap<>();
        Source.<Source>find("id in ?1", ids).withHint(HibernateHints.HINT_READ_ONLY, true).<Source>list()
                .forEach(s -> byId.put(s.id, s));
        List<Claimed> answers = new ArrayList<>();
        for (Long id : ids) {
            Source s = byId.get(id);
            if (s != null) {
                answers.add(new Claimed(PollTarget.of(s), leases.holds(s.leaseOwner) && !inFlight.contains(id)));
            }
        }
        return answers;
    }

    /** Takes the lease on one feed if it is still due and free. */
    private boolean claim(long sourceId) {
        if (closed) {
            return false;
        }
        return QuarkusTransaction.requiringNew().call(() -> Source.update(
                Leases.TAKE + " where id = :id and " + Leases.FREE + " and nextPollAt <= :now and active = true",
                leases.take(config.poll().lease()).and("id", sourceId)) == 1);
    }

    /** Gives a lease back, inside the caller's transaction, if this instance still holds it. */
    void releaseInTransaction(Source source) {
        if (leases.holds(source.leaseOwner)) {
            source.leaseOwner = null;
            source.leaseUntil = null;
        }
    }

    /** Gives back leases of feeds claimed but never polled (shutdown, rejected work). */
    public void release(long sourceId) {
        QuarkusTransaction.requiringNew().run(() -> Source.update(
                Leases.GIVE_BACK + " where id = :id and " + Leases.OURS, leases.ours().and("id", sourceId)));
    }

    /** Shutdown: this instance takes no more leases. */
    void close() {
        closed = true;
    }

    /** Shutdown: gives back every lease this instance still holds, so other instances need not wait for expiry. */
    int releaseAll() {
        return QuarkusTransaction.requiringNew().call(() -> Source.update(
                Leases.GIVE_BACK + " where " + Leases.OURS, leases.ours()));
    }
}
