package dev.hallway.websub;

import dev.hallway.common.Hashing;
import dev.hallway.config.HallwayConfig;
import dev.hallway.fetch.RedirectGuard;
import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.FeedServerResource;
import dev.hallway.support.Fixtures;
import dev.hallway.support.TestDatabase;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSub both ways, with the other side real and on loopback: a test hub (a {@link FeedServer} answering 202 and then
 * verifying intent at Hallway's callback, as a hub does) for the feeds Hallway follows, and test subscribers (also
 * FeedServers, echoing the challenge and recording pushes) of Hallway's own hub. Hallway listens on a port chosen
 * before it starts, so that hallway.base-url — where the hubs call back — is its real address.
 */
@QuarkusTest
@TestProfile(WebSubTest.OnAKnownPort.class)
@QuarkusTestResource(FeedServerResource.class)
class WebSubTest {

    public static class OnAKnownPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestDatabase.isolated("websub"));
            config.put("hallway.websub.hub-min-lease-seconds", "1"); // leases that run out within a test
            config.put("hallway.websub.max-subscriptions-per-callback-host", "2");
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KnownPort.class));
        }
    }

    /** A free port for Hallway, and hallway.base-url on it. */
    public static class KnownPort implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                return Map.of("quarkus.http.test-port", Integer.toString(port), "hallway.base-url", "http://127.0.0.1:" + port);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    @Inject
    TestFeeds feeds;
    @Inject
    HallwayConfig config;
    @Inject
    HubSubscriptions subscriptions;
    @Inject
    HubDistributor distributor;

    private final FeedServer blogs = FeedServerResource.server();
    private final HttpClient client = HttpClient.newHttpClient();
    private static final AtomicInteger CHALLENGES = new AtomicInteger();

    // ---- Hallway subscribes to the hubs of the feeds it follows ----------------------------------------------------

    /** A followed feed whose test hub verified Hallway's subscription. */
    record Subscribed(FeedServer hub, List<HttpResponse<String>> verifications, String feedUrl, String callback,
                      String secret) {
    }

    @Test
    void subscribesToTheHubTheFeedAdvertisesAndStoresSignedPushes() {
        Subscribed s = subscribe("signed", 864000);
        Map<String, Object> source = source(s.feedUrl());
        assertEquals(1800, ((Number) source.get("intervalSeconds")).longValue());
        assertEquals(86400, ((Number) source.get("pollIntervalSeconds")).longValue(), "a daily safety poll while pushed");
        assertTrue(((String) source.get("push")).contains(s.hub().url("/hub") + " pushes this feed"), source.toString());
        assertTrue(Instant.parse((String) source.get("nextPollAt")).isAfter(Instant.now().plusSeconds(23 * 3600)), source.toString());

        for (String method : List.of("sha1", "sha256", "sha384", "sha512")) {
            byte[] body = rss(s.hub().url("/hub"), s.feedUrl(), "signed first post", "Signed with " + method);
            HttpResponse<String> answer = push(s.callback(), body, sign(method, s.secret(), body));
            assertEquals(204, answer.statusCode(), answer.body());
            assertTrue(titles().contains("Signed with " + method), method);
        }
    }

    @Test
    void refusesAnUnsignedOrBadlySignedPushAndStoresNothing() {
        Subscribed s = subscribe("unsigned", 864000);
        byte[] body = rss(s.hub().url("/hub"), s.feedUrl(), "Never stored");
        byte[] other = rss(s.hub().url("/hub"), s.feedUrl(), "Another body");
        for (String signature : new String[]{null, sign("sha256", "not-the-secret", body), sign("sha256", s.secret(), other),
                sign("sha256", s.secret(), body).replace("sha256=", "md5="), "sha256=not-hex"}) {
            HttpResponse<String> answer = push(s.callback(), body, signature);
            assertEquals(403, answer.statusCode(), signature + ": " + answer.body());
            assertTrue(answer.body().startsWith("refused: "), answer.body());
        }
        assertFalse(titles().contains("Never stored"));

        byte[] notAFeed = "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> answer = push(s.callback(), notAFeed, sign("sha256", s.secret(), notAFeed));
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().startsWith("not stored: "), answer.body());
        assertEquals("ok", source(s.feedUrl()).get("status"), "a bad push does not make the feed failing");
    }

    @Test
    void answersOnlyTheVerificationOfItsOwnRequest() {
        Subscribed s = subscribe("intent", 864000);
        // verified already: a second subscribe verification, an unsubscribe we never asked for, another topic
        assertEquals(404, verify(s.callback(), "subscribe", s.feedUrl(), "c1").statusCode());
        assertEquals(404, verify(s.callback(), "unsubscribe", s.feedUrl(), "c2").statusCode());
        assertEquals(404, verify(s.callback(), "subscribe", s.feedUrl() + "?other", "c3").statusCode());
        String unknown = s.callback().substring(0, s.callback().lastIndexOf('/') + 1) + "999999999";
        assertEquals(404, verify(unknown, "subscribe", s.feedUrl(), "c4").statusCode());
        assertEquals(404, push(unknown, new byte[0], null).statusCode());
    }

    @Test
    void renewsTheLeaseBeforeItRunsOutAndPollsAgainWhenTheHubGoesAway() {
        Subscribed s = subscribe("renewed", 2); // renewed at 90 % of 2 s
        await("a renewal", () -> {
            subscriptions.renewDue();
            return s.hub().requestsTo("/hub").size() >= 2;
        });
        assertEquals("subscribe", s.hub().requestsTo("/hub").get(1).params().get("hub.mode"));
        await("the renewal verified", () -> s.verifications().size() >= 2);
        assertEquals(200, s.verifications().get(1).statusCode());
        assertEquals(86400, ((Number) source(s.feedUrl()).get("pollIntervalSeconds")).longValue());

        s.hub().close(); // the hub goes away
        await("the fall back to polling", () -> {
            subscriptions.renewDue();
            return ((Number) source(s.feedUrl()).get("pollIntervalSeconds")).longValue() == 1800;
        });
        Map<String, Object> source = source(s.feedUrl());
        assertTrue(((String) source.get("push")).contains("does not answer"), source.toString());
        assertTrue(((String) source.get("push")).endsWith("polled every 30m again"), source.toString());
        assertFalse(Instant.parse((String) source.get("nextPollAt")).isAfter(Instant.now().plusSeconds(1)), "polled at once");

        assertTrue(List.of("ok", "unchanged").contains(feeds.poll(s.feedUrl()).get("result")));
        Instant next = Instant.parse((String) source(s.feedUrl()).get("nextPollAt"));
        assertTrue(next.isAfter(Instant.now().plusSeconds(29 * 60)) && next.isBefore(Instant.now().plusSeconds(31 * 60)),
                "then every 30 minutes: " + next);
    }

    /** Follows a feed whose test hub grants {@code lease} seconds, polls it, and waits for the verified subscription. */
    private Subscribed subscribe(String name, long lease) {
        FeedServer hub = FeedServer.start();
        List<HttpResponse<String>> verifications = new CopyOnWriteArrayList<>();
        hub.route("/hub", request -> {
            Map<String, String> asked = request.params();
            // as a hub does: 202 now, the verification of intent afterwards
            CompletableFuture.runAsync(() -> verifications.add(verify(asked.get("hub.callback"), asked.get("hub.mode"),
                    asked.get("hub.topic"), "challenge-" + CHALLENGES.incrementAndGet(), lease)));
            return Reply.of(202);
        });
        String path = "/websub/" + name + ".rss";
        String feedUrl = blogs.url(path);
        blogs.route(path, Reply.ok(rss(hub.url("/hub"), feedUrl, name + " first post"), Fixtures.RSS));
        feeds.follow(feedUrl);
        assertEquals("ok", feeds.poll(feedUrl).get("result"));

        await("the subscription request", () -> hub.requestsTo("/hub").size() == 1);
        FeedServer.Request request = hub.requestsTo("/hub").get(0);
        assertEquals("POST", request.method());
        Map<String, String> asked = request.params();
        assertEquals("subscribe", asked.get("hub.mode"));
        assertEquals(feedUrl, asked.get("hub.topic"), "the feed's rel=self");
        assertTrue(asked.get("hub.callback").startsWith(config.baseUrl() + "/websub/callback/"), asked.toString());
        assertEquals("864000", asked.get("hub.lease_seconds"));
        assertTrue(asked.get("hub.secret").length() >= 32, "a secret of its own");
        await("the verification", () -> verifications.size() == 1);
        HttpResponse<String> verified = verifications.get(0);
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals(verified.request().uri().getQuery().replaceAll(".*hub.challenge=([^&]*).*", "$1"), verified.body(),
                "the challenge echoed");
        return new Subscribed(hub, verifications, feedUrl, asked.get("hub.callback"), asked.get("hub.secret"));
    }

    // ---- Hallway is the hub of its own feeds ------------------------------------------------------------------------

    @Test
    void aSubscriberIsVerifiedGetsSignedPushesAndNoneAfterUnsubscribing() throws Exception {
        String topic = config.baseUrl() + "/feed.atom";
        Response atom = given().header("Accept-Encoding", "identity").when().get("/feed.atom");
        assertEquals(200, atom.statusCode());
        assertTrue(atom.header("Link").contains("<" + config.baseUrl() + "/websub/hub>; rel=\"hub\""), atom.header("Link"));
        assertTrue(atom.header("Link").contains("<" + topic + ">; rel=\"self\""), atom.header("Link"));
        assertTrue(atom.asString().contains("<link rel=\"hub\" href=\"" + config.baseUrl() + "/websub/hub\""), atom.asString());
        given().when().get("/feed.json").then().statusCode(200)
                .header("Link", containsString("rel=\"hub\""))
                .body("hubs[0].type", org.hamcrest.Matchers.equalTo("WebSub"))
                .body("hubs[0].url", org.hamcrest.Matchers.equalTo(config.baseUrl() + "/websub/hub"));

        FeedServer reader = subscriber(InetAddress.getLoopbackAddress());
        String callback = reader.url("/inbox?reader=1");
        hubRequest("subscribe", topic, callback, "3600", "s3cret").then().statusCode(202);
        await("the verification of intent", () -> reader.requestsTo("/inbox").size() == 1);
        Map<String, String> verification = reader.requestsTo("/inbox").get(0).params();
        assertEquals("GET", reader.requestsTo("/inbox").get(0).method());
        assertEquals("subscribe", verification.get("hub.mode"));
        assertEquals(topic, verification.get("hub.topic"));
        assertEquals("3600", verification.get("hub.lease_seconds"));
        assertEquals("1", verification.get("reader"), "the callback's own query kept");
        await("the subscription", () -> "active".equals(subscriberState(topic, callback)));

        String feedPath = "/websub/hub-side.rss";
        blogs.route(feedPath, Reply.ok(rss(null, null, "A post for the hub"), Fixtures.RSS));
        feeds.follow(blogs.url(feedPath));
        assertEquals("ok", feeds.poll(blogs.url(feedPath)).get("result"));
        await("the push", () -> pushes(reader).stream().anyMatch(p -> new String(p.body(), StandardCharsets.UTF_8).contains("A post for the hub")));
        FeedServer.Request push = pushes(reader).stream()
                .filter(p -> new String(p.body(), StandardCharsets.UTF_8).contains("A post for the hub")).findFirst().orElseThrow();
        assertTrue(push.header("Content-Type").startsWith("application/atom+xml"), push.header("Content-Type"));
        assertEquals(sign("sha256", "s3cret", push.body()), push.header("X-Hub-Signature"));
        assertTrue(push.header("Link").contains("<" + topic + ">; rel=\"self\""), push.header("Link"));

        hubRequest("unsubscribe", topic, callback, null, null).then().statusCode(202);
        await("the unsubscription verified", () -> reader.requestsTo("/inbox").stream()
                .anyMatch(r -> "unsubscribe".equals(r.params().get("hub.mode"))));
        await("the subscription gone", () -> subscriberState(topic, callback) == null);
        int before = pushes(reader).size();
        blogs.route(feedPath, Reply.ok(rss(null, null, "A post for the hub", "After unsubscribing"), Fixtures.RSS));
        assertEquals("ok", feeds.poll(blogs.url(feedPath)).get("result"));
        distributor.deliver();
        assertTrue(titles().contains("After unsubscribing"));
        assertEquals(before, pushes(reader).size(), "no push after unsubscribing");
        reader.close();
    }

    @Test
    void aLeaseRunsOutAndPushesStop() throws Exception {
        String topic = config.baseUrl() + "/feed.json";
        FeedServer reader = subscriber(InetAddress.getByName("127.0.0.3"));
        String callback = reader.url("/short");
        hubRequest("subscribe", topic, callback, "1", null).then().statusCode(202);
        await("the subscription", () -> "active".equals(subscriberState(topic, callback)));
        assertEquals("1", reader.requestsTo("/short").get(0).params().get("hub.lease_seconds"));
        Thread.sleep(1500); // the lease runs out

        String feedPath = "/websub/lease.rss";
        blogs.route(feedPath, Reply.ok(rss(null, null, "After the lease"), Fixtures.RSS));
        feeds.follow(blogs.url(feedPath));
        assertEquals("ok", feeds.poll(blogs.url(feedPath)).get("result"));
        distributor.deliver();
        assertNull(subscriberState(topic, callback), "an expired subscription is dropped");
        assertTrue(pushes(reader).isEmpty(), "nothing pushed after the lease");
        reader.close();
    }

    @Test
    void refusesForeignTopicsBadRequestsInternalCallbacksAndTooManyCallbacksOnOneHost() throws Exception {
        String topic = config.baseUrl() + "/feed.atom";
        String callback = "http://127.0.0.1:9/cb";
        for (String foreign : List.of("https://elsewhere.example/feed.atom", config.baseUrl() + "/entries",
                topic + "?page=2", config.baseUrl() + "/conferences/no-such-conference/feed.atom")) {
            hubRequest("subscribe", foreign, callback, null, null).then().statusCode(400)
                    .body(containsString("hub.topic must be one of this hub's feeds"));
        }
        hubRequest("publish", topic, callback, null, null).then().statusCode(400).body(containsString("hub.mode"));
        hubRequest("subscribe", topic, "ftp://127.0.0.1/cb", null, null).then().statusCode(400).body(containsString("hub.callback"));
        hubRequest("subscribe", topic, null, null, null).then().statusCode(400).body(containsString("hub.callback"));
        hubRequest("subscribe", topic, callback, "soon", null).then().statusCode(400).body(containsString("hub.lease_seconds"));
        hubRequest("subscribe", topic, callback, null, "x".repeat(200)).then().statusCode(400).body(containsString("hub.secret"));

        FeedServer reader = subscriber(InetAddress.getByName("127.0.0.2"));
        hubRequest("subscribe", topic, reader.url("/a"), null, null).then().statusCode(202);
        hubRequest("subscribe", topic, reader.url("/b"), null, null).then().statusCode(202);
        hubRequest("subscribe", topic, reader.url("/c"), null, null).then().statusCode(429)
                .body(containsString("too many subscriptions for callbacks on 127.0.0.2"));
        await("both verified", () -> "active".equals(subscriberState(topic, reader.url("/a")))
                && "active".equals(subscriberState(topic, reader.url("/b"))));
        long verifications = verifications(reader, "/a");
        hubRequest("subscribe", topic, reader.url("/a"), null, null).then().statusCode(202); // a renewal is no new one
        await("the renewal verified", () -> verifications(reader, "/a") > verifications);
        hubRequest("unsubscribe", topic, reader.url("/c"), null, null).then().statusCode(202);
        Thread.sleep(500);
        assertTrue(reader.requestsTo("/c").isEmpty(), "no subscription to end: the callback is not called");
        reader.close();

        // Hallway on a public address (as if): a callback on loopback is refused and never called
        QuarkusMock.installMockForType(new RedirectGuard(host -> host.equals("127.0.0.1")
                ? new InetAddress[]{InetAddress.getByName("93.184.216.34")}
                : InetAddress.getAllByName(host)), RedirectGuard.class);
        hubRequest("subscribe", topic, "http://localhost:9/cb", null, null).then().statusCode(400)
                .body(containsString("hub.callback is on an internal address (localhost is "));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A test subscriber: echoes hub.challenge to every verification, answers 204 to every push, remembers both. */
    private static FeedServer subscriber(InetAddress address) {
        FeedServer reader = FeedServer.start(address);
        java.util.function.Function<FeedServer.Request, Reply> inbox = request -> request.method().equals("GET")
                ? Reply.ok(request.params().getOrDefault("hub.challenge", "").getBytes(StandardCharsets.UTF_8), "text/plain")
                : Reply.of(204);
        for (String path : List.of("/inbox", "/short", "/a", "/b", "/c")) {
            reader.route(path, inbox);
        }
        return reader;
    }

    private static long verifications(FeedServer reader, String path) {
        return reader.requestsTo(path).stream().filter(r -> r.method().equals("GET")).count();
    }

    private static List<FeedServer.Request> pushes(FeedServer reader) {
        return reader.requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    private Response hubRequest(String mode, String topic, String callback, String lease, String secret) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("hub.mode", mode)
                .formParam("hub.topic", topic);
        if (callback != null) {
            request.formParam("hub.callback", callback);
        }
        if (lease != null) {
            request.formParam("hub.lease_seconds", lease);
        }
        if (secret != null) {
            request.formParam("hub.secret", secret);
        }
        return request.when().post("/websub/hub");
    }

    private static String subscriberState(String topic, String callback) {
        return QuarkusTransaction.requiringNew().call(() -> WebSubSubscriber.<WebSubSubscriber>find("keyHash",
                WebSubSubscriber.key(topic, callback)).firstResultOptional().map(s -> s.state).orElse(null));
    }

    private HttpResponse<String> verify(String callback, String mode, String topic, String challenge) {
        return verify(callback, mode, topic, challenge, 864000);
    }

    private HttpResponse<String> verify(String callback, String mode, String topic, String challenge, long lease) {
        StringJoiner query = new StringJoiner("&");
        Map.of("hub.mode", mode, "hub.topic", topic, "hub.challenge", challenge, "hub.lease_seconds", Long.toString(lease))
                .forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(callback + "?" + query)).GET().build());
    }

    private HttpResponse<String> push(String callback, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(callback))
                .header("Content-Type", Fixtures.RSS).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String method, String secret, byte[] body) {
        String algorithm = "Hmac" + method.toUpperCase(java.util.Locale.ROOT);
        return method + "=" + HexFormat.of().formatHex(Hashing.hmac(algorithm, secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** An RSS feed, with atom:link rel="hub" and rel="self" when given (as WordPress writes them). */
    private static byte[] rss(String hub, String self, String... titles) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Pushed blog</title>"
                + "<link>https://pushed.example/</link><description>d</description>");
        if (hub != null) {
            xml.append("<atom:link rel=\"hub\" href=\"").append(hub).append("\"/>");
        }
        if (self != null) {
            xml.append("<atom:link rel=\"self\" type=\"application/rss+xml\" href=\"").append(self).append("\"/>");
        }
        int n = 0;
        for (String title : titles) {
            n++;
            xml.append("<item><title>").append(title).append("</title><link>https://pushed.example/")
                    .append(title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"))
                    .append("</link><pubDate>Mon, 0").append(n).append(" Feb 2026 10:00:00 +0000</pubDate>")
                    .append("<description>&lt;p&gt;").append(title).append(" text&lt;/p&gt;</description></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> titles() {
        return given().queryParam("limit", 500).when().get("/entries").then().statusCode(200)
                .extract().jsonPath().getList("entries.title");
    }

    private static Map<String, Object> source(String url) {
        List<Map<String, Object>> sources = given().queryParam("all", true).when().get("/sources").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return sources.stream().filter(s -> url.equals(s.get("configUrl"))).findFirst()
                .orElseThrow(() -> new AssertionError("no source " + url));
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
