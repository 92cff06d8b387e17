package dev.hallway.digest;

import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.ScriptedMailProfile;
import dev.hallway.support.ScriptedSmtpResource;
import dev.hallway.support.ScriptedSmtpServer;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the outbox treats what goes wrong, against a real SMTP conversation ({@link ScriptedSmtpServer}): the reply
 * code decides (451 retried, 550 a bounce), a refused connection is passing whatever port it names, a delivery
 * clears earlier bounces, and a message that cannot even be prepared counts its attempts and fails in the end.
 */
@QuarkusTest
@TestProfile(ScriptedMailProfile.class)
@QuarkusTestResource(value = ScriptedSmtpResource.class, restrictToAnnotatedClass = true)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class DigestDeliveryFailuresTest {

    private static final String WEEK = "2026-W47";

    @Inject
    DigestSender sender;

    private final ScriptedSmtpServer smtp = ScriptedSmtpResource.server();

    @BeforeEach
    void oneDigestOneSubscriberOneMessage() {
        smtp.acceptConnections();
        smtp.replyToRecipients("250 2.1.5 OK");
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            Digest.deleteAll();
            Subscriber.deleteAll();
            OneReportDigest.store(WEEK);
            OneReportDigest.queue(WEEK, 1);
        });
    }

    @AfterEach
    void serverBack() {
        smtp.acceptConnections();
    }

    @Test
    void a451ReplyIsRetriedAndIsNoBounce() {
        smtp.replyToRecipients("451 4.3.0 mailbox busy, try later");
        sender.sendDue();
        OutboxMessage m = message();
        assertEquals(OutboxStatus.PENDING, m.status);
        assertEquals(1, m.attempts);
        assertTrue(m.lastError.contains("451"), m.lastError);
        assertEquals(0, subscriber().bounces);
    }

    @Test
    void a550ReplyFailsTheMessageAndCountsAsABounce() {
        smtp.replyToRecipients("550 5.1.1 no such user");
        sender.sendDue();
        OutboxMessage m = message();
        assertEquals(OutboxStatus.FAILED, m.status);
        assertTrue(m.lastError.contains("550"), m.lastError);
        assertEquals(1, subscriber().bounces);
        assertEquals(SubscriberStatus.CONFIRMED, subscriber().status);
    }

    // last: after a refused connection the Vert.x mail client (4.5.26) can lose the next send (see MailDelivery); it
    // then fails after hallway.mail.send-timeout (5 s in this profile) and is retried, nothing is lost
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aRefusedConnectionIsRetriedAndIsNoBounceWhateverPortItNames() {
        smtp.refuseConnections();
        sender.sendDue();
        OutboxMessage m = message();
        assertEquals(OutboxStatus.PENDING, m.status, m.lastError);
        assertEquals(1, m.attempts);
        assertEquals(0, subscriber().bounces, m.lastError);
    }

    @Test
    void aDeliveredMessageClearsEarlierBounces() {
        QuarkusTransaction.requiringNew().run(() -> Subscriber.update("bounces = 2"));
        int before = smtp.accepted();
        sender.sendDue();
        assertEquals(OutboxStatus.SENT, message().status);
        assertEquals(before + 1, smtp.accepted());
        assertEquals(0, subscriber().bounces);
    }

    @Test
    void aDigestThatCannotBeReadCountsEveryAttemptThenFailsAndAdminSaysWhy() {
        QuarkusTransaction.requiringNew().run(() -> Digest.update("content = '{not json' where week = ?1", WEEK));
        for (int attempt = 1; attempt <= 3; attempt++) {
            sender.sendDue();
            OutboxMessage m = message();
            assertEquals(attempt, m.attempts);
            assertEquals(attempt < 3 ? OutboxStatus.PENDING : OutboxStatus.FAILED, m.status);
            QuarkusTransaction.requiringNew().run(() -> OutboxMessage.update("nextAttemptAt = ?1", Instant.now().minusSeconds(1)));
        }
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).when().get("/admin/digests").then().statusCode(200)
                .body("problems[0].week", is(WEEK)).body("problems[0].status", is("failed"))
                .body("problems[0].attempts", is(3)).body("problems[0].lastError", containsString("unreadable"));
    }

    private static OutboxMessage message() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>findAll().firstResult());
    }

    private static Subscriber subscriber() {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findAll().firstResult());
    }
}
