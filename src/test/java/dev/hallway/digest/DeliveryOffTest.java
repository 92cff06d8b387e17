package dev.hallway.digest;

import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** With no SMTP server configured the digest is still built and archived, and the service says delivery is off. */
@QuarkusTest
@TestProfile(DeliveryOffTest.NoSmtp.class)
@QuarkusTestResource(FeedServerResource.class)
class DeliveryOffTest {

    public static class NoSmtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return dev.hallway.support.TestDatabase.isolated("delivery-off");
        }
    }

    @Inject
    TestFeeds feeds;

    @Test
    void digestsAreBuiltAndArchivedAndDeliveryIsReportedOff() {
        FeedServer server = FeedServerResource.server();
        String xml = Fixtures.text("seeds/adventures-in-oss.rss")
                .replaceAll("<pubDate>[^<]+</pubDate>", "<pubDate>Wed, 11 Nov 2026 10:00:00 +0000</pubDate>");
        server.route("/off/wp.rss", Reply.ok(xml.getBytes(StandardCharsets.UTF_8), Fixtures.RSS));
        feeds.follow(server.url("/off/wp.rss"));
        feeds.pollAll();
        QuarkusTransaction.requiringNew().run(() -> {
            Subscriber s = new Subscriber();
            s.email = "reader@example.org";
            s.status = SubscriberStatus.CONFIRMED;
            s.createdAt = Instant.now();
            s.persist();
        });

        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("week", "2026-W46").when().post("/admin/digests/send")
                .then().statusCode(200).body("built", is(true)).body("deliveryOff", is(true)).body("sent", is(0));
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).when().get("/admin/digests").then().statusCode(200)
                .body("deliveryEnabled", is(false)).body("delivery", containsString("no SMTP server configured"))
                .body("weeks[0].week", is("2026-W46")).body("weeks[0].pending", is(1));
        given().accept("text/html").when().get("/digests/2026-W46").then().statusCode(200)
                .body(containsString("2023 Percona Live – Day 2"));
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("week", "2026-W99").when().post("/admin/digests/send")
                .then().statusCode(400);
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("week", "2026-W40").when().post("/admin/digests/send")
                .then().statusCode(200).body("built", is(false));
    }
}
