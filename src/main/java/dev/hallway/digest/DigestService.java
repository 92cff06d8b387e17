package dev.hallway.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallway.common.JdbcBinds;
import dev.hallway.common.SequenceIds;
import dev.hallway.config.HallwayConfig;
import dev.hallway.mail.MailDelivery;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Instant;
import java.sql.PreparedStatement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds a week's digest once and fills the outbox with one message per confirmed subscriber who has something to
 * read in it. Building twice (another instance, a second admin call) changes nothing.
 */
@ApplicationScoped
public class DigestService {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Outbox rows written per JDBC batch when queueing. */
    private static final int BATCH = 500;

    @Inject
    HallwayConfig config;
    @Inject
    DigestBuilder builder;
    @Inject
    Clock clock;
    @Inject
    MailDelivery mail;

    public ZoneId zone() {
        return ZoneId.of(config.digest().zone());
    }

    /** @return the week's digest, built now if it was not yet; empty when the week had no report (nothing is sent) */
    public Optional<Digest> build(IsoWeek week) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> buildOnce(week));
        } catch (RuntimeException e) {
            // another instance built the same week at the same moment: theirs stands
            Digest existing = QuarkusTransaction.requiringNew().call(() -> Digest.findById(week.toString()));
            if (existing == null) {
                throw e;
            }
            return Optional.of(existing);
        }
    }

    private Optional<Digest> buildOnce(IsoWeek week) {
        Digest existing = Digest.findById(week.toString());
        if (existing != null) {
            return Optional.of(existing);
        }
        DigestContent content = builder.build(week, zone());
        if (content.groups().isEmpty()) {
            Log.infof("digest %s: no conference report that week, nothing to send", week);
            return Optional.empty();
        }
        Instant now = clock.instant();
        Digest digest = new Digest();
        digest.week = week.toString();
        digest.periodStart = week.start(zone());
        digest.periodEnd = week.end(zone());
        digest.builtAt = now;
        digest.subject = content.subject();
        digest.reports = content.reports();
        digest.conferences = content.groups().size();
        digest.content = json(content);
        digest.persist();
        int[] counts = queue(digest.week, content, now);
        Log.infof("digest %s built: %s; %d messages queued, %d subscribers follow none of its conferences",
                week, digest.subject, counts[0], counts[1]);
        return Optional.of(digest);
    }

    /**
     * One outbox row per confirmed subscriber with something to read, each with its Message-ID chosen now (kept
     * across retries): the subscribers read as a stream of (id, series), the rows written in plain JDBC batches with
     * ids from the entity's own allocator. Inside the building transaction.
     * @return {queued, subscribers with nothing to read}
     */
    private int[] queue(String week, DigestContent content, Instant now) {
        EntityManager em = OutboxMessage.getEntityManager();
        em.flush(); // the digest row, which the outbox rows reference
        java.util.Map<String, Boolean> emptyByChoice = new java.util.HashMap<>(); // many subscribers share a choice
        int[] counts = new int[2];
        OutboxMessage idOwner = new OutboxMessage();
        try (Stream<Object[]> subscribers = em.createQuery(
                        "select s.id, s.series from Subscriber s where s.status = :confirmed order by s.id", Object[].class)
                .setParameter("confirmed", SubscriberStatus.CONFIRMED).setHint("org.hibernate.fetchSize", 500)
                .getResultStream()) {
            em.unwrap(Session.class).doWork(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (id, week, subscriber_id, status, attempts,"
                        + " next_attempt_at, message_id) VALUES (?, ?, ?, ?, 0, ?, ?)")) {
                    int inBatch = 0;
                    for (Object[] row : (Iterable<Object[]>) subscribers::iterator) {
                        @SuppressWarnings("unchecked")
                        List<String> series = (List<String>) row[1];
                        if (emptyByChoice.computeIfAbsent(DigestVariants.choiceKey(series), k -> content.forSeries(series).groups().isEmpty())) {
                            counts[1]++;
                            continue;
                        }
                        ps.setLong(1, SequenceIds.next(em, OutboxMessage.class, idOwner));
                        ps.setString(2, week);
                        ps.setLong(3, (Long) row[0]);
                        ps.setString(4, OutboxStatus.PENDING.name());
                        JdbcBinds.instant(ps, 5, now);
                        ps.setString(6, mail.newMessageId());
                        ps.addBatch();
                        counts[0]++;
                        if (++inBatch == BATCH) {
                            ps.executeBatch();
                            inBatch = 0;
                        }
                    }
                    if (inBatch > 0) {
                        ps.executeBatch();
                    }
                }
            });
        }
        return counts;
    }

    /** The digest the next scheduled run would send: the current week so far. Nothing is stored. */
    public DigestContent preview() {
        IsoWeek week = IsoWeek.current(clock.instant(), zone());
        return QuarkusTransaction.requiringNew().call(() -> builder.build(week, zone()));
    }

    public static DigestContent content(Digest digest) {
        try {
            return JSON.readValue(digest.content, DigestContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("digest " + digest.week + " is unreadable", e);
        }
    }

    /** Every digest built, newest first, with its delivery counts. */
    public List<DigestSummary> summaries() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DigestSummary> result = new ArrayList<>();
            for (Digest d : Digest.<Digest>list("order by week desc")) {
                long recipients = OutboxMessage.count("week", d.week);
                long sent = OutboxMessage.count("week = ?1 and status = ?2", d.week, OutboxStatus.SENT);
                long failed = OutboxMessage.count("week = ?1 and status = ?2", d.week, OutboxStatus.FAILED);
                long pending = OutboxMessage.count("week = ?1 and status in (?2, ?3)", d.week, OutboxStatus.PENDING, OutboxStatus.SENDING);
                result.add(new DigestSummary(d.week, d.subject, d.builtAt, d.reports, d.conferences, recipients, sent, pending, failed));
            }
            return result;
        });
    }

    /** Messages that failed for good or wait for a retry, with their last error: the newest 100. */
    public List<DeliveryProblem> problems() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DeliveryProblem> result = new ArrayList<>();
            for (OutboxMessage m : OutboxMessage.<OutboxMessage>find("lastError is not null and status in (?1, ?2) order by id desc",
                    OutboxStatus.FAILED, OutboxStatus.PENDING).page(0, 100).list()) {
                Subscriber s = Subscriber.findById(m.subscriberId);
                result.add(new DeliveryProblem(m.week, m.subscriberId, s == null ? null : s.email, m.status, m.attempts,
                        m.lastError, m.status == OutboxStatus.PENDING ? m.nextAttemptAt : null));
            }
            return result;
        });
    }

    private static String json(DigestContent content) {
        try {
            return JSON.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
