package dev.hallway.digest;

import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.ScriptedSmtpResource;
import dev.hallway.support.ScriptedSmtpServer;
import dev.hallway.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A digest to many subscribers, through a real SMTP conversation ({@link ScriptedSmtpServer}, connections kept
 * alive as in production): each variant rendered once, rows claimed in batches, a few connections reused, and still
 * a message of its own to everyone (unsubscribe link, Message-ID).
 */
@QuarkusTest
@TestProfile(DigestBulkSendTest.Profile.class)
@QuarkusTestResource(value = ScriptedSmtpResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "keep-alive", value = "true"))
class DigestBulkSendTest {

    /** Its own database; a short lease, so a batch can outlive half of it in a test. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestDatabase.isolated("bulk-send"));
            config.put("hallway.digest.lease", LEASE.toSeconds() + "s");
            return config;
        }
    }

    /** Long enough that a pass of 30 messages on a slow machine ends within half of it. */
    static final Duration LEASE = Duration.ofSeconds(20);
    private static final String WEEK = "2026-W47";
    private static final int ALL = 20, FOSDEM = 6, FOSDEM_AND_SCALE = 4;
    private static final int MESSAGES = ALL + FOSDEM + FOSDEM_AND_SCALE;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: (<[^>]+>)");
    private static final Pattern TO = Pattern.compile("(?im)^To: (\\S+)");

    @Inject
    DigestSender sender;
    @Inject
    DigestMailRenderer renderer;

    private final ScriptedSmtpServer smtp = ScriptedSmtpResource.server();

    /** One digest of three conferences; 20 subscribers follow all, 6 FOSDEM, 4 FOSDEM and SCaLE, 1 none of them. */
    @BeforeEach
    void aDigestQueuedForThirtySubscribers() {
        smtp.holdAcceptance(false);
        smtp.replyToRecipients("250 2.1.5 OK");
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            Digest.deleteAll();
            Subscriber.deleteAll();
            DigestContent content = new DigestContent(WEEK, "16 Nov 2026 – 22 Nov 2026", List.of(
                    group("percona-live-2026", "percona-live", "Percona Live 2026", 3),
                    group("fosdem-2026", "fosdem", "FOSDEM 2026", 2),
                    group("scale-23x", "scale", "SCaLE 23x", 1)));
            Digest digest = new Digest();
            digest.week = WEEK;
            digest.periodStart = Instant.parse("2026-11-16T00:00:00Z");
            digest.periodEnd = Instant.parse("2026-11-23T00:00:00Z");
            digest.builtAt = Instant.now();
            digest.subject = content.subject();
            digest.reports = content.reports();
            digest.conferences = 3;
            digest.content = DigestService.JSON.valueToTree(content).toString();
            digest.persist();
            for (int i = 0; i < MESSAGES; i++) {
                List<String> series = i < ALL ? List.of() : i < ALL + FOSDEM ? List.of("fosdem") : List.of("fosdem", "scale");
                queue(subscriber("reader" + i + "@example.org", series, SubscriberStatus.CONFIRMED));
            }
            // unsubscribed after the digest was queued: skipped, not sent
            queue(subscriber("gone@example.org", List.of(), SubscriberStatus.UNSUBSCRIBED));
        });
    }

    @AfterEach
    void serverAnswersAgain() {
        smtp.holdAcceptance(false);
    }

    @Test
    void aDigestToThirtySubscribersRendersEachOfItsThreeVariantsOnceAndGivesEveryoneTheirOwnLinkAndMessageId() {
        long rendersBefore = renderer.renders();
        int messagesBefore = smtp.messages().size();

        DigestSender.Pass pass = sender.sendDue();

        assertEquals(MESSAGES, pass.sent());
        assertEquals(1, pass.skipped(), "the unsubscribed address");
        assertEquals(3, renderer.renders() - rendersBefore, "all, FOSDEM, FOSDEM and SCaLE: one render each");
        List<String> received = smtp.messages().subList(messagesBefore, smtp.messages().size());
        assertEquals(MESSAGES, received.size());
        Map<String, String> messageIds = storedMessageIds();
        Set<String> seenIds = new HashSet<>();
        for (String message : received) {
            String to = match(TO, message);
            long subscriberId = subscriberId(to);
            String token = "/unsubscribe?token=" + subscriberId + ".";
            String listUnsubscribe = message.lines().filter(l -> l.startsWith("List-Unsubscribe:")).findFirst().orElseThrow();
            assertTrue(listUnsubscribe.contains(token), to + ": " + listUnsubscribe);
            String html = part(message, "text/html");
            String text = part(message, "text/plain");
            assertTrue(html.contains("href=\"http") && html.contains(token), to + ": its own link in the HTML part");
            assertTrue(text.contains(token), to + ": its own link in the text part");
            assertEquals(1, html.split(Pattern.quote("/unsubscribe?token="), -1).length - 1, "one unsubscribe link");
            String id = match(MESSAGE_ID, message);
            assertEquals(messageIds.get(to), id, to + ": the Message-ID stored with its row");
            assertTrue(seenIds.add(id), "a Message-ID of its own: " + id);
            boolean followsAll = to.matches("reader([0-9]|1[0-9])@example.org");
            assertEquals(followsAll, html.contains("Percona Live 2026"), to + ": only what it follows");
        }
        assertEquals(0, smtp.messages().stream().filter(m -> m.contains("gone@example.org")).count());
    }

    @Test
    void theHtmlPartIsAsciiAndGoesAs7bitWithTheSameText() {
        int before = smtp.messages().size();
        sender.sendDue();
        String message = smtp.messages().get(before);
        String htmlPart = message.substring(message.indexOf("Content-Type: text/html"));
        htmlPart = htmlPart.substring(0, htmlPart.indexOf("\n--=--"));
        assertTrue(htmlPart.contains("Content-Transfer-Encoding: 7bit"), htmlPart.lines().limit(3).toList().toString());
        assertTrue(htmlPart.chars().allMatch(c -> c < 0x80), "ASCII only");
        assertTrue(htmlPart.contains("Hallway weekly digest &#183; 2026-W47"), "the middle dot as a reference");
        assertTrue(htmlPart.contains("16 Nov 2026 &#8211; 22 Nov 2026"), "the en dash as a reference");
    }

    @Test
    void aPassOpensNoMoreSmtpConnectionsThanItHasMessagesInFlight() {
        int opened = smtp.connectionsOpened();
        assertEquals(MESSAGES, sender.sendDue().sent());
        int now = smtp.connectionsOpened() - opened;
        assertTrue(now <= DigestSender.IN_FLIGHT, now + " connections for " + MESSAGES + " messages");
        // and the next pass keeps using them
        aDigestQueuedForThirtySubscribers();
        assertEquals(MESSAGES, sender.sendDue().sent());
        assertTrue(smtp.connectionsOpened() - opened <= DigestSender.IN_FLIGHT,
                (smtp.connectionsOpened() - opened) + " connections for two passes");
    }

    @Test
    void theMessagesAreClaimedInOneBatchBeforeTheFirstIsSent() throws Exception {
        smtp.holdAcceptance(true);
        CompletableFuture<DigestSender.Pass> pass = CompletableFuture.supplyAsync(sender::sendDue);
        awaitTrue(() -> smtp.held() >= 1, "the first message at the server");
        assertEquals(MESSAGES, count("status = ?1 and leaseOwner is not null", OutboxStatus.SENDING),
                "every message claimed while the first are being sent");
        smtp.holdAcceptance(false);
        assertEquals(MESSAGES, pass.get(60, TimeUnit.SECONDS).sent());
        assertEquals(0, count("leaseOwner is not null"));
    }

    @Test
    void aBatchThatOutlivesHalfItsLeaseGivesTheRestBackUnsentAndTheNextPassSendsThem() throws Exception {
        Map<String, String> idsBefore = storedMessageIds();
        smtp.holdAcceptance(true);
        CompletableFuture<DigestSender.Pass> pass = CompletableFuture.supplyAsync(sender::sendDue);
        awaitTrue(() -> smtp.held() == DigestSender.IN_FLIGHT, "the first messages at the server");
        Thread.sleep(LEASE.dividedBy(2).plusMillis(500).toMillis());
        smtp.holdAcceptance(false);
        int started = DigestSender.IN_FLIGHT;
        assertEquals(started, pass.get(60, TimeUnit.SECONDS).sent(), "those started in the first half of the lease");
        assertEquals(MESSAGES - started, count("status = ?1 and leaseOwner is null and attempts = 0", OutboxStatus.PENDING),
                "the rest given back, no attempt counted: " + statuses());

        assertEquals(MESSAGES - started, sender.sendDue().sent());
        assertEquals(idsBefore, storedMessageIds(), "the same Message-IDs");
        assertEquals(MESSAGES, count("status = ?1", OutboxStatus.SENT));
    }

    @Test
    void aRetriedMessageKeepsTheMessageIdItWasGivenAtItsFirstAttempt() {
        // three rows queued before Message-IDs were chosen at queueing; the rest out of the way
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.update("messageId = null");
            OutboxMessage.delete("id not in (select min(m.id) from OutboxMessage m) and id not in (select max(m.id) from OutboxMessage m)"
                    + " and id not in (select max(m.id) - 1 from OutboxMessage m)");
        });
        assertEquals(3, count("status = ?1", OutboxStatus.PENDING));
        smtp.replyToRecipients("451 4.3.0 try later");
        assertEquals(2, sender.sendDue().retrying(), "the unsubscribed one skipped");
        Map<String, String> given = storedMessageIds();
        given.remove("gone@example.org");
        assertEquals(2, given.size());
        assertTrue(given.values().stream().allMatch(id -> id != null && id.startsWith("<")), given.toString());

        smtp.replyToRecipients("250 2.1.5 OK");
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update("nextAttemptAt = ?1", Instant.now().minusSeconds(1)));
        int before = smtp.messages().size();
        assertEquals(2, sender.sendDue().sent());
        for (String message : smtp.messages().subList(before, smtp.messages().size())) {
            assertEquals(given.get(match(TO, message)), match(MESSAGE_ID, message));
        }
    }

    private static DigestContent.Group group(String slug, String series, String name, int reports) {
        List<DigestContent.Report> items = new ArrayList<>();
        for (int i = 1; i <= reports; i++) {
            items.add(new DigestContent.Report(name + " — day " + i, "https://blog.example.org/" + slug + "/" + i,
                    "Example blog", "Zoë", "Tue 17 Nov 2026", "Notes from " + name + " · day " + i));
        }
        return new DigestContent.Group(slug, series, name, items);
    }

    private static Subscriber subscriber(String email, List<String> series, SubscriberStatus status) {
        Subscriber s = new Subscriber();
        s.email = email;
        s.series = series;
        s.status = status;
        s.createdAt = Instant.now();
        s.persist();
        return s;
    }

    private static void queue(Subscriber s) {
        OutboxMessage m = new OutboxMessage();
        m.week = WEEK;
        m.subscriberId = s.id;
        m.status = OutboxStatus.PENDING;
        m.nextAttemptAt = Instant.now().minusSeconds(1);
        m.messageId = "<bulk-" + s.email + "@hallway.test>";
        m.persist();
    }

    /** Address → Message-ID of its outbox row. */
    private static Map<String, String> storedMessageIds() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, String> ids = new HashMap<>();
            for (OutboxMessage m : OutboxMessage.<OutboxMessage>listAll()) {
                Subscriber s = Subscriber.findById(m.subscriberId);
                ids.put(s.email, m.messageId);
            }
            return ids;
        });
    }

    private static String statuses() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>listAll().stream()
                .map(m -> m.status + "/" + m.attempts + "/" + m.leaseOwner + "/" + m.lastError).toList().toString());
    }

    private static long subscriberId(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>find("email", email).firstResult().id);
    }

    private static long count(String query, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count(query, params));
    }

    private static String match(Pattern pattern, String message) {
        Matcher m = pattern.matcher(message);
        assertTrue(m.find(), pattern + " in\n" + message);
        return m.group(1);
    }

    /** A body part as sent (7bit, or quoted-printable decoded enough to find links: soft breaks joined). */
    private static String part(String message, String type) {
        int start = message.indexOf("Content-Type: " + type);
        assertTrue(start >= 0, "no " + type + " part");
        String part = message.substring(start);
        part = part.substring(0, part.indexOf("\n--=--")); // the boundary (the text part has its own "--" line)
        return part.replace("=\n", "").replace("=3D", "=");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not in time: " + what);
            Thread.sleep(10);
        }
    }
}
