package dev.hallway.subscribe;

import dev.hallway.support.ScriptedMailProfile;
import dev.hallway.support.ScriptedSmtpResource;
import dev.hallway.support.ScriptedSmtpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an anonymous visitor can and cannot do with POST /subscriptions and the confirmation link. */
@QuarkusTest
@TestProfile(ScriptedMailProfile.class)
@QuarkusTestResource(value = ScriptedSmtpResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriptionAbuseTest {

    private static final Pattern LINK = Pattern.compile("/subscriptions/confirm\\?token=[A-Za-z0-9_-]+");
    /** Each request poses as a client of its own (X-Forwarded-For), except where a test means one client. */
    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    private final ScriptedSmtpServer smtp = ScriptedSmtpResource.server();

    @BeforeEach
    void noSubscribers() {
        smtp.acceptConnections();
        smtp.replyToRecipients("250 2.1.5 OK");
        QuarkusTransaction.requiringNew().run(() -> {
            dev.hallway.digest.OutboxMessage.deleteAll();
            Subscriber.deleteAll();
        });
    }

    @AfterEach
    void smtpAnswersAgain() {
        smtp.stall(false);
    }

    private static Response subscribe(String client, String email, List<String> series) {
        return given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(Map.of("email", email, "series", series)).when().post("/subscriptions");
    }

    private static String newClient() {
        int n = CLIENTS.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    /** The confirmation link sent to this address, once it arrived. */
    private String linkSentTo(String email) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (String message : smtp.messages()) {
                String text = message.replace("=\n", "").replace("=3D", "=");
                Matcher link = LINK.matcher(text);
                if (text.contains(email) && link.find()) {
                    return link.group();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no confirmation email to " + email);
    }

    private static Subscriber subscriber(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>find("email", email).firstResult());
    }

    @Test
    void openingTheConfirmationLinkConfirmsNothingItsButtonDoes() throws Exception {
        subscribe(newClient(), "scanned@example.org", List.of()).then().statusCode(202);
        String link = linkSentTo("scanned@example.org");
        given().when().get(link).then().statusCode(200).body(containsString("<form method=\"post\""))
                .body(containsString("Confirm"));
        given().when().head(link);
        assertEquals(SubscriberStatus.PENDING, subscriber("scanned@example.org").status, "a GET (a link scanner) confirms nothing");
        given().when().post(link).then().statusCode(200).body(containsString("You are subscribed"));
        assertEquals(SubscriberStatus.CONFIRMED, subscriber("scanned@example.org").status);
    }

    @Test
    void aSubscriptionRequestIsAnsweredAtOnceWhileTheSmtpServerHangs() {
        smtp.stall(true);
        long start = System.nanoTime();
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 3000).setParam("http.connection.timeout", 3000)))
                .header("X-Forwarded-For", newClient()).contentType(ContentType.JSON)
                .body(Map.of("email", "hung@example.org")).when().post("/subscriptions").then().statusCode(202);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2000, "answered in " + millis + " ms: the confirmation is not sent inside the request");
    }

    @Test
    void anAnonymousRequestNeitherChangesAConfirmedSubscriptionNorRevivesABouncedAddress() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber confirmed = new Subscriber();
            confirmed.email = "fan@example.org";
            confirmed.status = SubscriberStatus.CONFIRMED;
            confirmed.series = List.of("fosdem");
            confirmed.createdAt = Instant.now();
            confirmed.persist();
            Subscriber bounced = new Subscriber();
            bounced.email = "gone@example.org";
            bounced.status = SubscriberStatus.BOUNCED;
            bounced.bounces = 3;
            bounced.createdAt = Instant.now();
            bounced.persist();
        });
        int before = smtp.accepted();
        subscribe(newClient(), "fan@example.org", List.of("scale")).then().statusCode(202);
        subscribe(newClient(), "gone@example.org", List.of()).then().statusCode(202);
        Thread.sleep(500); // a confirmation email would have left by now
        assertEquals(List.of("fosdem"), subscriber("fan@example.org").series);
        assertEquals(SubscriberStatus.CONFIRMED, subscriber("fan@example.org").status);
        assertEquals(SubscriberStatus.BOUNCED, subscriber("gone@example.org").status);
        assertEquals(3, subscriber("gone@example.org").bounces);
        assertEquals(before, smtp.accepted(), "no mail to either");
    }

    /** Last: it spends the overall allowance the other tests need. */
    @Test
    @Order(Integer.MAX_VALUE)
    void subscriptionRequestsAreLimitedPerClientAndOverallWith429AndRetryAfter() {
        String client = newClient();
        for (int i = 0; i < ScriptedMailProfile.PER_CLIENT; i++) {
            subscribe(client, "victim+" + i + "@example.org", List.of()).then().statusCode(202);
        }
        Response refused = subscribe(client, "victim+x@example.org", List.of());
        assertEquals(429, refused.statusCode());
        assertNotNull(refused.getHeader("Retry-After"));
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) >= 1);
        given().header("X-Forwarded-For", client).contentType(ContentType.URLENC).formParam("email", "victim+y@example.org")
                .when().post("/subscriptions").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(null, subscriber("victim+x@example.org"), "a refused request stores nothing");

        // many clients, one request each: the overall limit stops them
        int status = 202;
        for (int i = 0; i < ScriptedMailProfile.GLOBAL + 1 && status != 429; i++) {
            Response r = subscribe(newClient(), "crowd" + i + "@example.org", List.of());
            status = r.statusCode();
            if (status == 429) {
                assertNotNull(r.getHeader("Retry-After"));
            }
        }
        assertEquals(429, status, "the overall limit");
    }

    @Test
    void unconfirmedRequestsAreForgottenAfterSevenDays() {
        subscribe(newClient(), "never@example.org", List.of()).then().statusCode(202);
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber confirmed = new Subscriber();
            confirmed.email = "kept@example.org";
            confirmed.status = SubscriberStatus.CONFIRMED;
            confirmed.confirmedAt = Instant.now();
            confirmed.createdAt = Instant.now().minusSeconds(30 * 86400);
            confirmed.persist();
        });
        UnconfirmedPurge purge = io.quarkus.arc.Arc.container().instance(UnconfirmedPurge.class).get();
        assertEquals(0, purge.purge(Instant.now().plusSeconds(6 * 86400)));
        assertNotNull(subscriber("never@example.org"));
        assertEquals(1, purge.purge(Instant.now().plusSeconds(7 * 86400 + 60)));
        assertEquals(null, subscriber("never@example.org"));
        assertNotNull(subscriber("kept@example.org"));
    }
}
