package dev.hallway;

import dev.hallway.support.FeedServer;
import dev.hallway.support.FeedServer.Reply;
import dev.hallway.support.Fixtures;
import dev.hallway.support.HallwayProcess;
import dev.hallway.support.SilentServer;
import dev.hallway.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged service stopped with SIGTERM while it polls two feeds and sends a digest: the poll that can finish
 * within hallway.shutdown-wait finishes, and every feed lease and outbox claim it still holds afterwards is given
 * back, so another instance takes over at once instead of waiting for the leases to expire.
 */
class GracefulShutdownIT {

    private static final String DB = "shutdown";

    @Test
    void aStopFinishesPollsInProgressThenGivesBackEveryLeaseAndClaim() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "shutdown-");
        TestDatabase.drop(DB);
        CountDownLatch slowMayAnswer = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (FeedServer server = FeedServer.start(); SilentServer smtp = SilentServer.start()) {
            server.route("/report.rss", Reply.ok(inWeek47("adventures-in-oss.rss"), Fixtures.RSS));
            server.route("/slow.atom", request -> await(slowMayAnswer) ? Reply.ok(inWeek47("pingcap-blog.atom"), Fixtures.ATOM) : Reply.of(503));
            server.route("/hanging.rdf", request -> await(never) ? Reply.of(200) : Reply.of(503));
            String report = server.url("/report.rss"), slow = server.url("/slow.atom"), hanging = server.url("/hanging.rdf");
            Files.writeString(dir.resolve("feeds.yaml"), "feeds:\n  - url: " + report + "\n  - url: " + slow
                    + "\n  - url: " + hanging + "\n");

            Map<String, String> settings = new HashMap<>(TestDatabase.forProcess(DB, true));
            settings.put("hallway.shutdown-wait", "8s");
            settings.put("quarkus.shutdown.timeout", "1s"); // the digest request below never ends by itself
            settings.put("hallway.fetch.request-timeout", "2m"); // the hanging feed outlasts the stop
            settings.put("quarkus.mailer.host", "127.0.0.1");
            settings.put("quarkus.mailer.port", Integer.toString(smtp.port()));
            settings.put("quarkus.mailer.start-tls", "DISABLED");
            settings.put("hallway.mail.enabled", "true");
            String jdbc = jdbcUrl(settings, dir);
            // a subscriber, written before the service starts: the embedded H2 database admits no second process
            migrate(jdbc, settings);
            try (Connection c = connect(jdbc, settings); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO subscriber (id, email, status, bounces, created_at, confirmed_at) "
                        + "VALUES (999999, 'stop@example.org', 'CONFIRMED', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }

            long stopTook;
            try (HallwayProcess hallway = HallwayProcess.start(dir, settings).awaitReady(Duration.ofSeconds(90))) {
                // a poll runs only under its feed's lease, and a message is sent only once claimed: both slow feeds
                // asked for and the SMTP connection open mean two leases and one claim are held now
                awaitTrue(() -> hallway.get("/sources").body().contains("\"entryCount\":10")
                        && !server.requests("/slow.atom").isEmpty() && !server.requests("/hanging.rdf").isEmpty(),
                        "the report feed polled and both slow feeds being fetched", hallway);
                hallway.postAdminAsync("/admin/digests/send?week=2026-W47");
                awaitTrue(() -> smtp.connections() > 0, "the digest being sent", hallway);

                long t0 = System.nanoTime();
                hallway.terminate();
                HallwayProcess.sleep(3000); // past the 1 s for HTTP requests: the service is draining now
                slowMayAnswer.countDown();
                int exit = hallway.awaitExit(Duration.ofSeconds(60));
                stopTook = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
                String log = hallway.output();
                assertEquals(143, exit, "128 + SIGTERM: the JVM's status for a stop by signal, not a crash\n" + log);
                assertTrue(log.contains("gave back the leases of 1 feeds"), log);
                assertTrue(log.contains("gave back 1 claimed digest messages"), log);
            }
            // the HTTP timeout, the shutdown wait, the stuck worker's 2 s, and room for a slow machine
            assertTrue(stopTook < 1 + 8 + 2 + 10, "stopped within the HTTP timeout and shutdown wait (took " + stopTook + " s)");

            assertEquals(List.of(), rows(jdbc, settings,
                    "SELECT config_url FROM source WHERE lease_owner IS NOT NULL OR lease_until IS NOT NULL"), "no lease held");
            assertEquals(List.of("PENDING|null|0"), rows(jdbc, settings,
                    "SELECT status || '|' || COALESCE(lease_owner, 'null') || '|' || attempts FROM outbox"),
                    "the message is free for another instance, and the cut-off send did not count as an attempt");
            assertEquals(List.of("due"), rows(jdbc, settings,
                    "SELECT CASE WHEN next_attempt_at <= CURRENT_TIMESTAMP THEN 'due' ELSE 'later' END FROM outbox"),
                    "due at once");
            assertEquals(List.of("OK"), rows(jdbc, settings, "SELECT p.result FROM poll p JOIN source s ON s.id = p.source_id "
                    + "WHERE s.config_url = '" + slow + "'"), "the poll in progress finished");
            assertEquals(List.of("0|NEW"), rows(jdbc, settings, "SELECT (SELECT COUNT(*) FROM poll p WHERE p.source_id = s.id) || '|' || s.status "
                    + "FROM source s WHERE s.config_url = '" + hanging + "'"), "the unfinished poll is not counted as a failure");
        } finally {
            never.countDown();
            TestDatabase.drop(DB);
        }
    }

    private static byte[] inWeek47(String seed) {
        return Fixtures.text("seeds/" + seed)
                .replaceAll("<pubDate>[^<]+</pubDate>", "<pubDate>Tue, 17 Nov 2026 10:00:00 +0000</pubDate>")
                .replaceAll("<(published|updated|dc:date)>[^<]+</(published|updated|dc:date)>", "<$1>2026-11-17T10:00:00Z</$2>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Holds a feed server thread until released (or the server closes). */
    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(3, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what, HallwayProcess hallway) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not in time: " + what + "\n" + hallway.output());
            }
            HallwayProcess.sleep(200);
        }
    }

    /** The service's H2 file path is relative to its working directory; the test needs it absolute. */
    private static String jdbcUrl(Map<String, String> settings, Path dir) {
        return settings.get("quarkus.datasource.jdbc.url").replace("jdbc:h2:file:./", "jdbc:h2:file:" + dir.toAbsolutePath() + "/");
    }

    /** The schema, as the service would create it at startup (Flyway, the same migrations). */
    private static void migrate(String url, Map<String, String> settings) {
        var flyway = org.flywaydb.core.Flyway.configure()
                .dataSource(url, settings.getOrDefault("quarkus.datasource.username", "hallway"), "")
                .locations("classpath:db/migration");
        if (settings.containsKey("quarkus.flyway.schemas")) {
            flyway = flyway.schemas(settings.get("quarkus.flyway.schemas")).createSchemas(true);
        }
        flyway.load().migrate();
    }

    private static Connection connect(String url, Map<String, String> settings) throws SQLException {
        return DriverManager.getConnection(url, settings.getOrDefault("quarkus.datasource.username", "hallway"), "");
    }

    private static List<String> rows(String url, Map<String, String> settings, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(url, settings); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
