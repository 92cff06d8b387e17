package dev.hallway.admin;

import dev.hallway.digest.Digest;
import dev.hallway.digest.OutboxMessage;
import dev.hallway.digest.OutboxStatus;
import dev.hallway.subscribe.Subscriber;
import dev.hallway.subscribe.SubscriberStatus;
import dev.hallway.support.ScriptedMailProfile;
import dev.hallway.support.ScriptedSmtpResource;
import dev.hallway.support.TestFeeds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every /admin route is closed by its path, whatever resource declares it, and guessing the token is slowed down. */
@QuarkusTest
@TestProfile(ScriptedMailProfile.class)
@QuarkusTestResource(value = ScriptedSmtpResource.class, restrictToAnnotatedClass = true)
class AdminPathGuardTest {

    private static final AtomicInteger CLIENTS = new AtomicInteger(1);

    record Route(String method, String path) {
    }

    /** Every JAX-RS method under /admin in the compiled application and tests, found by reading the classes. */
    static List<Route> adminRoutes() throws IOException {
        List<Route> routes = new ArrayList<>();
        for (String dir : List.of("target/classes", "target/test-classes")) {
            java.nio.file.Path root = Paths.get(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    Class<?> type;
                    try {
                        type = Class.forName(name, false, AdminPathGuardTest.class.getClassLoader());
                    } catch (ClassNotFoundException | LinkageError e) {
                        continue;
                    }
                    Path base = type.getAnnotation(Path.class);
                    if (base == null) {
                        continue;
                    }
                    for (Method m : type.getDeclaredMethods()) {
                        String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                                : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                        if (verb == null) {
                            continue;
                        }
                        Path sub = m.getAnnotation(Path.class);
                        String path = ("/" + base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/")
                                .replaceAll("\\{[^}]+}", "1");
                        if (path.startsWith("/admin")) {
                            routes.add(new Route(verb, path));
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static String newClient() {
        int n = CLIENTS.getAndIncrement();
        return "192.0.2." + (n % 250 + 1) + "," + "203.0." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Response call(RequestSpecification request, Route route) {
        return request.when().request(route.method(), route.path());
    }

    /** The admin page's routes take a session cookie instead (AdminPageTest checks them). */
    @Test
    void everyAdminRouteAsksForTheTokenWhateverResourceDeclaresIt() throws IOException {
        List<Route> routes = adminRoutes().stream().filter(r -> !AdminPathGuard.isPagePath(r.path())).toList();
        assertTrue(routes.contains(new Route("POST", "/admin/poll")), routes.toString());
        assertTrue(routes.contains(new Route("GET", "/admin/digests")), routes.toString());
        assertTrue(routes.contains(new Route("GET", "/admin/unmarked-probe")), routes.toString());
        assertTrue(routes.size() >= 7, routes.toString());
        for (Route route : routes) {
            call(given().header("X-Forwarded-For", newClient()), route).then().statusCode(401);
            call(given().header("X-Forwarded-For", newClient()).auth().oauth2("wrong-token"), route).then().statusCode(401);
            int status = call(given().auth().oauth2(TestFeeds.ADMIN_TOKEN), route).statusCode();
            assertTrue(status != 401 && status != 403 && status != 429, route + " with the token answered " + status);
        }
        for (String disguised : List.of("/ADMIN/unmarked-probe", "//admin/unmarked-probe", "/admin;x=1/unmarked-probe",
                "/%61dmin/unmarked-probe", "/digests/../admin/unmarked-probe")) {
            Response r = given().header("X-Forwarded-For", newClient()).urlEncodingEnabled(false).when().get(disguised);
            assertFalse(r.asString().contains("admin data"), disguised + " answered " + r.statusCode());
        }
    }

    @Test
    void repeatedWrongTokensFromOneClientAreAnswered429UntilThePeriodRefills() {
        String client = newClient();
        for (int i = 0; i < ScriptedMailProfile.ADMIN_FAILURES; i++) {
            given().header("X-Forwarded-For", client).auth().oauth2("guess-" + i).when().get("/admin/digests")
                    .then().statusCode(401);
        }
        Response blocked = given().header("X-Forwarded-For", client).auth().oauth2("guess-x").when().get("/admin/digests");
        assertEquals(429, blocked.statusCode());
        assertNotNull(blocked.getHeader("Retry-After"));
        given().header("X-Forwarded-For", client).auth().oauth2(TestFeeds.ADMIN_TOKEN).when().get("/admin/digests")
                .then().statusCode(429);
        given().header("X-Forwarded-For", newClient()).auth().oauth2(TestFeeds.ADMIN_TOKEN).when().get("/admin/digests")
                .then().statusCode(200);
    }

    @Test
    void thePublicDigestListShowsNoDeliveryCounts() {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            Digest.deleteAll();
            Subscriber s = new Subscriber();
            s.email = "counted-" + System.nanoTime() + "@example.org";
            s.status = SubscriberStatus.CONFIRMED;
            s.createdAt = Instant.now();
            s.persist();
            Digest d = new Digest();
            d.week = "2026-W40";
            d.periodStart = Instant.parse("2026-09-28T00:00:00Z");
            d.periodEnd = Instant.parse("2026-10-05T00:00:00Z");
            d.builtAt = Instant.now();
            d.subject = "Hallway — 1 report from 1 conference (2026-W40)";
            d.reports = 1;
            d.conferences = 1;
            d.content = "{}";
            d.persist();
            OutboxMessage m = new OutboxMessage();
            m.week = d.week;
            m.subscriberId = s.id;
            m.status = OutboxStatus.SENT;
            m.nextAttemptAt = Instant.now();
            m.persist();
        });
        given().accept("application/json").when().get("/digests").then().statusCode(200)
                .body(containsString("2026-W40")).body(not(containsString("recipients")))
                .body(not(containsString("\"sent\""))).body(not(containsString("\"failed\""))).body(not(containsString("\"pending\"")));
    }
}
