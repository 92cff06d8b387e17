package dev.hallway.digest;

import dev.hallway.subscribe.SecretTokens;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.GreenMailResource;
import dev.hallway.support.Rss;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hallway.digest.DigestTest.awaitMailTo;
import static dev.hallway.digest.DigestTest.mailTo;
import static dev.hallway.digest.DigestTest.part;
import static dev.hallway.digest.DigestTest.subject;
import static dev.hallway.digest.DigestTest.subscribeAndConfirm;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscribers choose what they get: the digest holds only the series each follows, a choice with nothing that week
 * sends nothing, and the "Change what you receive" link of every digest changes the choice (signed, no login).
 */
@QuarkusTest
@TestProfile(SubscriberChoicesTest.OwnDatabase.class)
@QuarkusTestResource(FeedServerResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
class SubscriberChoicesTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return dev.hallway.support.TestDatabase.isolated("choices");
        }
    }

    static final String WEEK_ONE = "2026-W47";
    static final String WEEK_TWO = "2026-W48";
    private static final Pattern PREFERENCES = Pattern.compile("https?://\\S+/subscriptions/preferences\\?token=([A-Za-z0-9_.-]+)");

    @Inject
    TestFeeds feeds;
    @Inject
    SecretTokens tokens;

    private final FeedServer server = FeedServerResource.server();

    /** Two weeks of one blog: a FOSDEM and a Percona Live report in each, pinned so no classifier doubt enters. */
    @BeforeEach
    void twoWeeksOfReports() {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            Digest.deleteAll();
            Subscriber.deleteAll();
        });
        server.route("/choices/blog.rss", Reply.ok(Rss.feed("Choices blog").site("https://choices.example/")
                .item("Week one at FOSDEM", "https://choices.example/w1-fosdem", "Tue, 17 Nov 2026 10:00:00 +0000", "<p>Talks.</p>")
                .item("Week one at Percona Live", "https://choices.example/w1-percona", "Wed, 18 Nov 2026 10:00:00 +0000", "<p>Databases.</p>")
                .item("Week two at FOSDEM", "https://choices.example/w2-fosdem", "Tue, 24 Nov 2026 10:00:00 +0000", "<p>More talks.</p>")
                .item("Week two at Percona Live", "https://choices.example/w2-percona", "Wed, 25 Nov 2026 10:00:00 +0000", "<p>More databases.</p>")
                .bytes(), Fixtures.RSS));
        feeds.follow(server.url("/choices/blog.rss"));
        feeds.pollAll();
        pin("Week one at FOSDEM", "fosdem");
        pin("Week two at FOSDEM", "fosdem");
        pin("Week one at Percona Live", "percona-live");
        pin("Week two at Percona Live", "percona-live");
    }

    private static void pin(String title, String series) {
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("series", series, "edition", "2026"))
                .when().put("/admin/entries/" + TestFeeds.entryId(title) + "/conference").then().statusCode(200);
    }

    private static void send(String week) {
        given().auth().oauth2(TestFeeds.ADMIN_TOKEN).queryParam("week", week).when().post("/admin/digests/send")
                .then().statusCode(200);
    }

    private static List<MimeMessage> digestsTo(String address) throws Exception {
        return mailTo(address).stream().filter(m -> subject(m).startsWith("Hallway —")).toList();
    }

    private static String pathOf(String url) {
        return url.replaceFirst("https?://[^/]+", "");
    }

    private static long idOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>find("email", email).firstResult().id);
    }

    private static List<String> seriesOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> List.copyOf(Subscriber.<Subscriber>find("email", email).firstResult().series));
    }

    @Test
    void eachSubscriberGetsTheSeriesTheyChoseAndTheLinkInTheMailChangesNextWeeksDigest() throws Exception {
        subscribeAndConfirm("all@choices.test", List.of());
        subscribeAndConfirm("fosdem@choices.test", List.of("fosdem"));
        subscribeAndConfirm("pycon@choices.test", List.of("pycon-us"));

        send(WEEK_ONE);
        MimeMessage all = digestsTo("all@choices.test").get(0);
        assertEquals("Hallway — 2 reports from 2 conferences (2026-W47)", all.getSubject());
        String allText = part(all, "text/plain");
        assertTrue(allText.contains("Week one at FOSDEM") && allText.contains("Week one at Percona Live"), allText);
        MimeMessage fosdem = digestsTo("fosdem@choices.test").get(0);
        assertEquals("Hallway — 1 report from 1 conference (2026-W47)", fosdem.getSubject());
        assertTrue(part(fosdem, "text/plain").contains("Week one at FOSDEM"));
        assertFalse(part(fosdem, "text/plain").contains("Percona"), "only the series followed");
        assertFalse(part(fosdem, "text/html").contains("Percona"), "only the series followed");
        assertEquals(List.of(), digestsTo("pycon@choices.test"), "nothing of their series this week: no mail");

        // both parts carry the subscriber's own link; the HTML one names it
        Matcher inText = PREFERENCES.matcher(part(fosdem, "text/plain"));
        assertTrue(inText.find(), "a Change what you receive link in the text part");
        assertTrue(part(fosdem, "text/plain").contains("Change what you receive: " + inText.group()));
        Document html = Jsoup.parse(part(fosdem, "text/html"));
        assertEquals(inText.group(), html.selectFirst("a:containsOwn(Change what you receive)").attr("href"));
        assertNotNull(html.selectFirst("a:containsOwn(Unsubscribe)"));
        assertFalse(part(fosdem, "text/html").contains(DigestVariants.PREFERENCES), "no placeholder left");
        Matcher allLink = PREFERENCES.matcher(allText);
        assertTrue(allLink.find());
        assertFalse(allLink.group().equals(inText.group()), "each subscriber has a link of their own");

        // the page shows the current choice; saving "only Percona Live" changes next week's digest
        Document page = Jsoup.parse(given().when().get(pathOf(inText.group())).then().statusCode(200)
                .extract().asString());
        assertTrue(page.selectFirst("input[name=follow][value=some]").hasAttr("checked"));
        assertTrue(page.selectFirst("input[name=series][value=fosdem]").hasAttr("checked"));
        assertFalse(page.selectFirst("input[name=series][value=percona-live]").hasAttr("checked"));
        assertEquals(inText.group(1), page.selectFirst("form input[type=hidden][name=token]").val());
        given().contentType(ContentType.URLENC).formParam("token", inText.group(1)).formParam("action", "save")
                .formParam("follow", "some").formParam("series", "percona-live")
                .when().post("/subscriptions/preferences").then().statusCode(200).body(containsString("Saved"));
        assertEquals(List.of("percona-live"), seriesOf("fosdem@choices.test"));
        // "all" from the other subscriber's page: the same as never having chosen
        given().contentType(ContentType.URLENC).formParam("token", allLink.group(1)).formParam("action", "save")
                .formParam("follow", "all").formParam("series", "fosdem")
                .when().post("/subscriptions/preferences").then().statusCode(200);
        assertEquals(List.of(), seriesOf("all@choices.test"));

        send(WEEK_TWO);
        List<MimeMessage> changed = digestsTo("fosdem@choices.test");
        assertEquals(2, changed.size());
        String weekTwo = part(changed.get(1), "text/plain");
        assertTrue(weekTwo.contains("Week two at Percona Live") && !weekTwo.contains("FOSDEM"), weekTwo);
        String allWeekTwo = part(digestsTo("all@choices.test").get(1), "text/plain");
        assertTrue(allWeekTwo.contains("Week two at Percona Live") && allWeekTwo.contains("Week two at FOSDEM"), allWeekTwo);
        assertEquals(List.of(), digestsTo("pycon@choices.test"));

        // the Unsubscribe button of the page
        given().contentType(ContentType.URLENC).formParam("token", inText.group(1)).formParam("action", "unsubscribe")
                .when().post("/subscriptions/preferences").then().statusCode(200).body(containsString("You are unsubscribed"));
        assertEquals(SubscriberStatus.UNSUBSCRIBED,
                QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>find("email", "fosdem@choices.test").firstResult().status));
        given().when().get(pathOf(inText.group())).then().statusCode(410).body(containsString("No longer subscribed"));
    }

    @Test
    void forgedExpiredOrCrossSiteRequestsAreRefusedAndChangeNothing() throws Exception {
        subscribeAndConfirm("careful@choices.test", List.of("fosdem"));
        long id = idOf("careful@choices.test");
        String good = tokens.preferencesToken(id);
        String expired = tokens.preferencesToken(id, Instant.now().minus(SecretTokens.PREFERENCES_LIFETIME).minus(2, ChronoUnit.DAYS));
        String[] parts = good.split("\\.");
        String otherSubscriber = (id + 1) + "." + parts[1] + "." + parts[2];
        String longerLife = id + "." + (Long.parseLong(parts[1]) + 365) + "." + parts[2];
        String unsubscribeToken = tokens.unsubscribeToken(id); // good for unsubscribing, not for this page
        for (String bad : List.of(expired, otherSubscriber, longerLife, "1.2.forged", "", "not-a-token", unsubscribeToken)) {
            given().queryParam("token", bad).when().get("/subscriptions/preferences").then().statusCode(404)
                    .body(containsString("This link does not work"));
            given().contentType(ContentType.URLENC).formParam("token", bad).formParam("action", "save")
                    .formParam("follow", "all").when().post("/subscriptions/preferences").then().statusCode(404);
            given().contentType(ContentType.URLENC).formParam("token", bad).formParam("action", "unsubscribe")
                    .when().post("/subscriptions/preferences").then().statusCode(404);
        }
        given().when().get("/subscriptions/preferences").then().statusCode(404);

        // a form posted from another site, with the right token: refused
        given().contentType(ContentType.URLENC).header("Origin", "https://evil.example").formParam("token", good)
                .formParam("action", "unsubscribe").when().post("/subscriptions/preferences").then().statusCode(403)
                .body(containsString("Nothing was changed"));
        given().contentType(ContentType.URLENC).header("Sec-Fetch-Site", "cross-site").formParam("token", good)
                .formParam("action", "save").formParam("follow", "all").when().post("/subscriptions/preferences")
                .then().statusCode(403);
        given().contentType(ContentType.URLENC).header("Origin", "null").formParam("token", good)
                .formParam("action", "save").formParam("follow", "all").when().post("/subscriptions/preferences")
                .then().statusCode(403);

        // bad choices: a clear 400, nothing changes
        given().contentType(ContentType.URLENC).formParam("token", good).formParam("action", "save")
                .formParam("follow", "some").when().post("/subscriptions/preferences").then().statusCode(400)
                .body(containsString("Check at least one series"));
        given().contentType(ContentType.URLENC).formParam("token", good).formParam("action", "save")
                .formParam("follow", "some").formParam("series", "no-such-series")
                .when().post("/subscriptions/preferences").then().statusCode(400).body(containsString("no-such-series"));
        assertEquals(List.of("fosdem"), seriesOf("careful@choices.test"));
        assertEquals(SubscriberStatus.CONFIRMED,
                QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>findById(id).status));

        // from the page itself (same origin as the browser sends it): accepted
        given().contentType(ContentType.URLENC).header("Origin", "http://localhost:" + RestAssured.port)
                .header("Sec-Fetch-Site", "same-origin").formParam("token", good).formParam("action", "save")
                .formParam("follow", "some").formParam("series", "percona-live").formParam("series", "fosdem")
                .when().post("/subscriptions/preferences").then().statusCode(200);
        assertEquals(List.of("fosdem", "percona-live"), seriesOf("careful@choices.test"));
    }

    @Test
    void theSubscribeFormOffersTheSeriesWithReportsAndKeepsTheChoice() throws Exception {
        Document home = Jsoup.parse(given().when().get("/").then().statusCode(200).extract().asString());
        List<String> offered = home.select("#subscribe input[type=checkbox][name=series]").eachAttr("value");
        assertTrue(offered.containsAll(List.of("fosdem", "percona-live")), offered.toString());
        assertFalse(offered.contains("pycon-us"), "a series with no report is not offered");

        given().contentType(ContentType.URLENC).formParam("email", "form@choices.test").formParam("series", "percona-live")
                .when().post("/subscriptions").then().statusCode(200).body(containsString("Check your inbox"));
        assertEquals(List.of("percona-live"), seriesOf("form@choices.test"));
        given().contentType(ContentType.URLENC).formParam("email", "everything@choices.test")
                .when().post("/subscriptions").then().statusCode(200);
        assertEquals(List.of(), seriesOf("everything@choices.test"), "none checked: all series");
        awaitMailTo("everything@choices.test", 1);
    }

    @Test
    void eachDistinctChoiceIsRenderedOnceAndEveryMessageGetsItsOwnLinks() {
        DigestContent.Report report = new DigestContent.Report("A <b>title</b>", "https://choices.example/r", "Blog", "Ada",
                "Tue 17 Nov 2026", "Summary");
        DigestContent content = new DigestContent(WEEK_ONE, "16 Nov 2026 – 22 Nov 2026", List.of(
                new DigestContent.Group("fosdem-2026", "fosdem", "FOSDEM 2026", List.of(report)),
                new DigestContent.Group("percona-live-2026", "percona-live", "Percona Live 2026", List.of(report))));
        DigestVariants variants = new DigestVariants(week -> content, "https://hallway.example");
        // six subscribers, four distinct choices (one of them empty this week, and the same choice in another order)
        List<List<String>> choices = List.of(List.of(), List.of(), List.of("fosdem"), List.of("fosdem", "percona-live"),
                List.of("percona-live", "fosdem"), List.of("pycon-us"));
        for (List<String> choice : choices) {
            variants.of(WEEK_ONE, choice);
        }
        assertEquals(3, variants.renderings(), "all, fosdem, fosdem+percona-live; nothing to render for pycon-us");
        assertTrue(variants.of(WEEK_ONE, List.of("pycon-us")).empty());
        DigestVariants.Variant shared = variants.of(WEEK_ONE, List.of());
        String a = shared.html("https://hallway.example/unsubscribe?token=1.a", "https://hallway.example/subscriptions/preferences?token=1.9.a");
        String b = shared.html("https://hallway.example/unsubscribe?token=2.b", "https://hallway.example/subscriptions/preferences?token=2.9.b");
        assertTrue(a.contains("href=\"https://hallway.example/unsubscribe?token=1.a\"") && !a.contains("token=2.b"), a);
        assertTrue(b.contains("href=\"https://hallway.example/subscriptions/preferences?token=2.9.b\"") && !b.contains("token=1.a"));
        assertTrue(a.contains("A &lt;b&gt;title&lt;/b&gt;"), "feed text stays escaped");
        String text = shared.text("U", "P");
        assertTrue(text.contains("Change what you receive: P") && text.contains("Unsubscribe: U"), text);
    }
}
