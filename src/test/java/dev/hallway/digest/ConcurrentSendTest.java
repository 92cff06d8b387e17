package dev.hallway.digest;

import dev.hallway.mail.MailDelivery;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.support.ScriptedSmtpResource;
import dev.hallway.support.ScriptedSmtpServer;
import dev.hallway.support.TestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four sends at once over pooled, kept-alive connections, against a real SMTP conversation ({@link ScriptedSmtpServer})
 * that goes away in the middle of a pass and comes back, or stops answering: no send stays stuck (each is bounded by
 * hallway.mail.send-timeout), each message ends sent or waiting for a retry with no claim left, and in the end every
 * message reached the server exactly once (by its Message-ID).
 */
@QuarkusTest
@TestProfile(ConcurrentSendTest.FourAtOnce.class)
@QuarkusTestResource(value = ConcurrentSendTest.KeptAliveSmtp.class, restrictToAnnotatedClass = true)
class ConcurrentSendTest {

    static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);
    private static final String WEEK = "2026-W47";
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    public static class FourAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestDatabase.isolated("concurrent-send"));
            config.put("hallway.mail.concurrency", "4");
            config.put("hallway.mail.send-timeout", SEND_TIMEOUT.toSeconds() + "s");
            config.put("hallway.digest.max-attempts", "5");
            // a failed message waits for deliverTheRest, not for the same pass to come round again
            config.put("hallway.digest.retry-delay", "1h");
            return config;
        }
    }

    /** The scripted server, with the mail client keeping its connections open between messages (the default). */
    public static class KeptAliveSmtp extends ScriptedSmtpResource {
        @Override
        public synchronized Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("quarkus.mailer.keep-alive", "true");
            return config;
        }
    }

    @Inject
    DigestSender sender;
    @Inject
    MailDelivery mail;

    private final ScriptedSmtpServer smtp = ScriptedSmtpResource.server();

    @BeforeEach
    void aDigest() {
        smtp.acceptConnections();
        smtp.stall(false);
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            Digest.deleteAll();
            Subscriber.deleteAll();
            OneReportDigest.store(WEEK);
        });
    }

    @AfterEach
    void serverBack() {
        smtp.refuseConnectionsAfter(-1);
        smtp.stall(false);
        smtp.acceptConnections();
    }

    @Test
    void concurrentSendsSurviveTheServerGoingAwayMidPassAndComingBack() throws Exception {
        int messages = 60;
        QuarkusTransaction.requiringNew().run(() -> OneReportDigest.queue(WEEK, messages));
        int before = smtp.accepted();
        // the server goes away right after accepting the tenth message, sends in flight losing their connection and
        // the next ones refused: a point in the pass fixed by the server, not by how fast this machine is just now
        smtp.refuseConnectionsAfter(before + 10);
        CompletableFuture<DigestSender.Pass> pass = CompletableFuture.supplyAsync(sender::sendDue);
        long started = System.nanoTime(); // when the server goes away is the server's to say

        // no send stays stuck: the pass ends, each message at most one send-timeout late
        DigestSender.Pass first = pass.get(messages / 4 * SEND_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(10, first.sent(), "the ten the server accepted before it went, no more: " + first);
        assertEquals(messages, first.sent() + first.retrying(), "each message sent or to be retried: " + first);
        Map<OutboxStatus, Long> byStatus = rows().stream().collect(Collectors.groupingBy(m -> m.status, Collectors.counting()));
        assertEquals(Map.of(OutboxStatus.SENT, (long) first.sent(), OutboxStatus.PENDING, (long) first.retrying()), byStatus);
        for (OutboxMessage m : rows()) {
            assertNull(m.leaseOwner, "no claim left behind");
            assertEquals(1, m.attempts, "one attempt each");
        }
        assertEquals(first.sent(), smtp.accepted() - before, "the server has exactly the messages marked sent");
        System.out.printf("server gone after %d of %d messages; the pass took %d ms (clients replaced so far: %d)%n",
                first.sent(), messages, tookMillis, mail.clientsReplaced());

        smtp.acceptConnections();
        deliverTheRest(messages);
        assertEachDeliveredOnce(before);
    }

    @Test
    void aServerThatStopsAnsweringHoldsEachSendNoLongerThanTheTimeoutAndTheClientIsReplaced() throws Exception {
        int messages = 4;
        QuarkusTransaction.requiringNew().run(() -> OneReportDigest.queue(WEEK, messages));
        int before = smtp.accepted();
        int replaced = mail.clientsReplaced();
        smtp.stall(true); // connections accepted, never greeted
        long t0 = System.nanoTime();
        DigestSender.Pass pass = CompletableFuture.supplyAsync(sender::sendDue).get(60, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(messages, pass.retrying(), pass.toString());
        assertTrue(tookMillis >= SEND_TIMEOUT.toMillis() - 200, "waited for the timeout: " + tookMillis + " ms");
        assertTrue(tookMillis < SEND_TIMEOUT.toMillis() + 5000, "the four sends waited side by side, each at most the timeout: "
                + tookMillis + " ms");
        for (OutboxMessage m : rows()) {
            assertEquals(OutboxStatus.PENDING, m.status);
            assertEquals(1, m.attempts);
            assertNull(m.leaseOwner);
            assertTrue(m.lastError.contains("send-timeout"), m.lastError);
        }
        assertTrue(mail.clientsReplaced() > replaced, "the client that let a send time out is replaced");

        smtp.stall(false);
        deliverTheRest(messages);
        assertEachDeliveredOnce(before);
    }

    /** Retries (made due at once) until every message is sent. */
    private void deliverTheRest(int messages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (rows().stream().anyMatch(m -> m.status != OutboxStatus.SENT) && System.nanoTime() < deadline) {
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update("nextAttemptAt = ?1 where status = ?2",
                    Instant.now().minusSeconds(1), OutboxStatus.PENDING));
            sender.sendDue();
            Thread.sleep(100);
        }
        List<OutboxMessage> rows = rows();
        assertEquals(messages, rows.size());
        assertTrue(rows.stream().allMatch(m -> m.status == OutboxStatus.SENT && m.leaseOwner == null),
                rows.stream().map(m -> m.id + ":" + m.status + ":" + m.lastError).toList().toString());
    }

    /** The server holds one message per outbox row, by Message-ID: none lost, none twice. */
    private void assertEachDeliveredOnce(int acceptedBefore) {
        List<String> received = smtp.messages();
        Map<String, Long> count = received.subList(acceptedBefore, received.size()).stream().map(text -> {
            Matcher id = MESSAGE_ID.matcher(text);
            assertTrue(id.find(), text);
            return id.group(1);
        }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<String, Long> expected = rows().stream().collect(Collectors.toMap(m -> m.messageId, m -> 1L));
        assertEquals(expected, count);
    }

    private static List<OutboxMessage> rows() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>listAll());
    }
}
