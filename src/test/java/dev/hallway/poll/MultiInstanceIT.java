package dev.hallway.poll;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.hallway.support.BlogFarm;
import dev.hallway.support.FeedServer;
import dev.hallway.support.HallwayProcess;
import dev.hallway.support.TcpRelay;
import dev.hallway.support.TestDatabase;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three instances of the packaged service on one PostgreSQL schema share 30 feeds and one weekly digest to 200
 * subscribers; one of them is SIGKILLed while it holds an outbox message and (nearly always) a feed. Every feed is
 * still fetched once per interval, every subscriber gets exactly one digest, and no post is stored twice.
 */
class MultiInstanceIT {

    private static final String DB = "multi";
    private static final int FEEDS = 30;
    private static final int SUBSCRIBERS = 200;
    private static final Duration INTERVAL = Duration.ofSeconds(6);
    // longer than the interval: a feed the dead instance had fetched is not fetched again within that interval
    private static final Duration LEASE = Duration.ofSeconds(9);
    // longer than the SMTP stall below, so no survivor loses the message it is stuck on
    private static final Duration DIGEST_LEASE = Duration.ofSeconds(15);
    private static final Duration RESPONSE_DELAY = Duration.ofMillis(400);
    // how late a due feed may be fetched: the scheduler's 1 s tick, the slow response, a loaded 2-core machine (up to
    // 6 s seen at load 30); shorter than the lease, so a lease never given back still shows as a feed not fetched
    private static final Duration LATENESS = Duration.ofSeconds(7);
    // request times come from the test's clock, due times from the services' clocks: same machine, tiny skew
    private static final Duration SKEW = Duration.ofMillis(100);

    @Test
    void threeInstancesShareFeedsAndTheDigestAndOneCrashLosesAndDuplicatesNothing() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs -Ppostgres: separate processes cannot share an embedded H2 database");
        long started = System.nanoTime();
        TestDatabase.drop(DB);
        Path dir = Files.createTempDirectory(Path.of("target"), "multi-");
        GreenMail smtp = new GreenMail(new ServerSetup(HallwayProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<HallwayProcess> processes = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try (FeedServer server = FeedServer.start();
             TcpRelay slowSmtp = TcpRelay.start(smtp.getSmtp().getPort(), Duration.ofMillis(5))) {
            BlogFarm farm = new BlogFarm(server, FEEDS, RESPONSE_DELAY);
            Files.writeString(dir.resolve("feeds.yaml"), farm.feedsYaml(INTERVAL.toSeconds() + "s"));
            Map<String, String> settings = settings(slowSmtp.port());

            // the first instance migrates the schema and creates the sources alone; the others join a ready database.
            // It is the one killed: up alone for a while, it keeps winning most claims, so it dies holding feeds
            HallwayProcess victim = HallwayProcess.start(dir, settings);
            processes.add(victim);
            victim.awaitReady(Duration.ofSeconds(180));
            try (Connection db = TestDatabase.connect(DB)) {
                insertConfirmedSubscribers(db);
                HallwayProcess second = HallwayProcess.start(dir, settings);
                HallwayProcess third = HallwayProcess.start(dir, settings);
                processes.add(second);
                processes.add(third);
                second.awaitReady(Duration.ofSeconds(180));
                third.awaitReady(Duration.ofSeconds(180));
                long allUp = System.nanoTime();
                farm.addPostToEveryBlog();
                HallwayProcess.sleep(INTERVAL.multipliedBy(5).dividedBy(2).toMillis());

                // the week's digest asked of all three at once
                List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
                for (HallwayProcess p : processes) {
                    sends.add(CompletableFuture.supplyAsync(() -> p.postAdmin("/admin/digests/send?week=" + BlogFarm.WEEK), callers));
                }
                String victimOwner = victim.pid() + "@%";
                awaitSendingUnderWay(db, victimOwner, victim);
                // the SMTP server stalls, so the victim dies holding messages the server never completed (a crash
                // after the server accepted one, before its row is marked sent, would send that one twice)
                slowSmtp.holdRequests();
                farm.addPostToEveryBlog();
                Set<String> heldMessages = awaitStuckMidSend(db, smtp, slowSmtp, victimOwner);
                awaitHeldFeed(db, victimOwner, Duration.ofSeconds(5));
                assertEquals(heldMessages, stuckMessages(db, smtp, victimOwner), "the victim is still stuck on the same messages");
                victim.kill();
                // what it held when it died stays in the database until the leases run out
                Set<String> heldFeeds = ids(db, "select config_url from source where lease_owner like ?", victimOwner);
                long killedAt = System.nanoTime();
                Instant killedAtWall = Instant.now();
                slowSmtp.releaseRequests();

                String subject = null;
                for (int i = 1; i < 3; i++) {
                    HttpResponse<String> answer = sends.get(i).get(120, TimeUnit.SECONDS);
                    assertEquals(200, answer.statusCode(), answer.body());
                    assertTrue(answer.body().contains("\"built\":true"), answer.body());
                    String s = answer.body().replaceAll(".*\"subject\":\"([^\"]+)\".*", "$1");
                    assertTrue(subject == null || subject.equals(s), "both survivors report the same digest: " + subject + " / " + s);
                    subject = s;
                }
                awaitAllSent(db, killedAt);
                // two more intervals after the dead instance's leases ran out
                long until = killedAt + LEASE.plus(INTERVAL.multipliedBy(2)).toNanos();
                HallwayProcess.sleep(Math.max(0, (until - System.nanoTime()) / 1_000_000));
                long end = System.nanoTime();
                second.stop();
                third.stop();

                PollFigures polls = assertEveryFeedFetchedOncePerInterval(farm, allUp, killedAt, end);
                assertPollRecordsMatchRequests(db, farm, server, heldFeeds, victim.pid(), killedAtWall);
                assertNoPostStoredTwice(db, farm);
                int messages = assertOneDigestPerSubscriber(db, smtp, heldMessages, killedAtWall);
                System.out.printf("multi-instance: %d feeds every %d s, %d requests; with all three up (%.1f intervals)"
                                + " %d-%d per feed, gaps %d-%d ms; victim held %d feeds and %d messages at SIGKILL;"
                                + " %d digests to %d subscribers (\"%s\"); %d s%n",
                        FEEDS, INTERVAL.toSeconds(), polls.total, polls.intervals, polls.min, polls.max,
                        polls.shortestGapMs, polls.longestGapMs,
                        heldFeeds.size(), heldMessages.size(),
                        messages, SUBSCRIBERS, subject, Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        } catch (AssertionError | Exception e) {
            for (HallwayProcess p : processes) {
                System.out.println("---- log of " + p.pid() + " ----\n" + tail(p.output()));
            }
            throw e;
        } finally {
            processes.forEach(HallwayProcess::close);
            callers.shutdownNow();
            smtp.stop();
            TestDatabase.drop(DB);
        }
    }

    private static Map<String, String> settings(int smtpPort) {
        Map<String, String> settings = new HashMap<>(TestDatabase.forProcess(DB, true));
        settings.put("quarkus.datasource.jdbc.max-size", "8");
        settings.put("hallway.poll.lease", LEASE.toSeconds() + "s");
        settings.put("hallway.poll.per-host", "8"); // every blog is on 127.0.0.1
        settings.put("hallway.digest.lease", DIGEST_LEASE.toSeconds() + "s");
        settings.put("hallway.digest.send-interval", "2s");
        // 200 messages in batches of 100 would go to the first two instances to ask: the victim must hold some
        settings.put("hallway.digest.claim-size", "10");
        settings.put("quarkus.mailer.host", "127.0.0.1");
        settings.put("quarkus.mailer.port", Integer.toString(smtpPort));
        settings.put("quarkus.mailer.start-tls", "DISABLED");
        settings.put("hallway.mail.enabled", "true");
        // below GreenMail's 30 s idle timeout, so no message goes out on a connection the server already dropped
        settings.put("quarkus.mailer.keep-alive-timeout", "10s");
        settings.put("hallway.digest.retry-delay", "1s");
        settings.put("hallway.mail.from", "Hallway <digest@hallway.test>");
        return settings;
    }

    /** Subscribers straight into the table: the subscription flow has its own tests, here only their number matters. */
    private static void insertConfirmedSubscribers(Connection db) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("insert into subscriber (id, email, status, bounces, created_at,"
                + " confirmed_at) values (?, ?, 'CONFIRMED', 0, now(), now())")) {
            for (int i = 1; i <= SUBSCRIBERS; i++) {
                insert.setLong(1, 1_000_000 + i); // far above what the service's sequence hands out
                insert.setString(2, address(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String address(int i) {
        return "reader" + i + "@example.org";
    }

    private static void awaitSendingUnderWay(Connection db, String victimOwner, HallwayProcess victim) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long sent = count(db, "select count(*) from outbox where status = 'SENT'");
            long victimHolds = count(db, "select count(*) from outbox where status = 'SENDING' and lease_owner like '" + victimOwner + "'");
            if (sent >= SUBSCRIBERS / 5 && victimHolds > 0) {
                return;
            }
            HallwayProcess.sleep(10);
        }
        throw new AssertionError("the victim never got to send: " + count(db, "select count(*) from outbox") + " queued\n" + tail(victim.output()));
    }

    /**
     * Waits until the server has answered everything passed on to it and the victim holds outbox rows whose messages
     * the server has not received, the same ones twice in a row: what was under way has finished, and the victim's
     * senders are blocked on the stalled server.
     */
    private static Set<String> awaitStuckMidSend(Connection db, GreenMail smtp, TcpRelay relay, String victimOwner)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Set<String> before = Set.of();
        while (System.nanoTime() < deadline) {
            HallwayProcess.sleep(400);
            Set<String> now = relay.quiet() ? stuckMessages(db, smtp, victimOwner) : Set.of();
            if (!now.isEmpty() && now.equals(before)) {
                return now;
            }
            before = now;
        }
        Map<String, Integer> received = digestsByRecipient(smtp);
        received.values().removeIf(n -> n < 2);
        throw new AssertionError("the victim never got stuck in the middle of sending: " + before
                + "; addresses that already received more than one digest: " + received);
    }

    /** The victim's outbox rows being sent, or empty if the server already received any of them. */
    private static Set<String> stuckMessages(Connection db, GreenMail smtp, String victimOwner) throws Exception {
        Set<String> received = new java.util.HashSet<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            received.add(m.getMessageID());
        }
        Set<String> rows = new java.util.TreeSet<>();
        try (PreparedStatement st = db.prepareStatement(
                "select id, message_id from outbox where status = 'SENDING' and lease_owner like ?")) {
            st.setString(1, victimOwner);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (received.contains(rs.getString(2))) {
                        return Set.of();
                    }
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    /** Waits a little, if need be, until the victim holds a feed, so it dies in the middle of polling too. */
    private static void awaitHeldFeed(Connection db, String victimOwner, Duration patience) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (ids(db, "select config_url from source where lease_owner like ?", victimOwner).isEmpty()
                && System.nanoTime() < deadline) {
            HallwayProcess.sleep(10);
        }
    }

    private static void awaitAllSent(Connection db, long killedAt) throws SQLException {
        long deadline = killedAt + DIGEST_LEASE.plusSeconds(90).toNanos(); // generous: a busy shared machine sends slowly
        while (System.nanoTime() < deadline) {
            if (count(db, "select count(*) from outbox where status <> 'SENT'") == 0) {
                return;
            }
            HallwayProcess.sleep(200);
        }
        throw new AssertionError("outbox not all sent: " + rows(db, "select status, count(*) from outbox group by status"));
    }

    /** All fetches; fetches per feed once all three were up, in a window of so many intervals; gaps in ms. */
    private record PollFigures(int total, long min, long max, double intervals, long shortestGapMs, long longestGapMs) {
    }

    /**
     * At the feed server: never two fetches of a feed closer than the interval; once all three instances are up (two
     * JVMs starting on a small machine can starve the first one's scheduler), none missed, and none left at the end.
     */
    private static PollFigures assertEveryFeedFetchedOncePerInterval(BlogFarm farm, long allUp, long killedAt, long end) {
        long interval = INTERVAL.minus(SKEW).toNanos();
        long late = INTERVAL.plus(LATENESS).toNanos();
        long lateAfterKill = INTERVAL.plus(LEASE).plus(LATENESS).toNanos();
        int total = 0;
        long min = Long.MAX_VALUE, max = 0;
        long window = end - allUp;
        long shortest = Long.MAX_VALUE, longest = 0;
        for (int blog = 0; blog < farm.size(); blog++) {
            List<Long> times = farm.requestTimes(blog);
            assertTrue(times.size() >= 2, farm.path(blog) + " fetched " + times.size() + " times");
            for (int i = 1; i < times.size(); i++) {
                long gap = times.get(i) - times.get(i - 1);
                assertTrue(gap >= interval, farm.path(blog) + " fetched twice within " + gap / 1_000_000 + " ms (request " + i + ")");
                boolean acrossKill = times.get(i - 1) <= killedAt && times.get(i) >= killedAt;
                assertTrue(times.get(i - 1) < allUp || gap <= (acrossKill ? lateAfterKill : late),
                        farm.path(blog) + " not fetched for " + gap / 1_000_000 + " ms (request " + i + ")");
                shortest = Math.min(shortest, gap);
                if (times.get(i - 1) >= allUp && !acrossKill) {
                    longest = Math.max(longest, gap);
                }
            }
            long idleAtEnd = end - times.get(times.size() - 1);
            assertTrue(idleAtEnd <= late, farm.path(blog) + " not fetched in the last " + idleAtEnd / 1_000_000 + " ms");
            // since all were up: at most one fetch per interval, at least one per interval and its lateness
            long inWindow = times.stream().filter(t -> t >= allUp).count();
            assertTrue(inWindow <= window / INTERVAL.toNanos() + 1 && inWindow >= window / late - 1,
                    farm.path(blog) + ": " + inWindow + " fetches in " + window / 1_000_000 + " ms");
            min = Math.min(min, inWindow);
            max = Math.max(max, inWindow);
            total += times.size();
        }
        return new PollFigures(total, min, max, (double) window / INTERVAL.toNanos(), shortest / 1_000_000, longest / 1_000_000);
    }

    /** Each fetch was one instance's poll; the victim's unfinished polls were taken over by the survivors. */
    private static void assertPollRecordsMatchRequests(Connection db, BlogFarm farm, FeedServer server, Set<String> heldFeeds,
                                                       long victimPid, Instant killedAt) throws SQLException {
        Map<String, List<Object[]>> byFeed = new TreeMap<>();
        Set<String> instances = new java.util.HashSet<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select s.config_url, p.instance, p.started_at from poll p join source s on s.id = p.source_id")) {
            while (rs.next()) {
                byFeed.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[]{rs.getString(2), rs.getTimestamp(3)});
                instances.add(rs.getString(2));
            }
        }
        // which instance wins a due feed depends on the phases of their ticks: one of the later two may never win
        assertTrue(instances.size() >= 2, "the feeds were shared: " + instances);
        System.out.println("multi-instance: polls per instance " + rows(db, "select instance, count(*) from poll group by instance"));
        for (int blog = 0; blog < farm.size(); blog++) {
            String url = server.url(farm.path(blog));
            List<Object[]> polls = byFeed.getOrDefault(url, List.of());
            int unrecorded = farm.requestTimes(blog).size() - polls.size();
            boolean held = heldFeeds.contains(url);
            assertTrue(unrecorded == 0 || held && unrecorded == 1,
                    url + ": " + farm.requestTimes(blog).size() + " requests, " + polls.size() + " polls recorded");
            for (Object[] poll : polls) {
                boolean byVictim = ((String) poll[0]).startsWith(victimPid + "@");
                assertTrue(!byVictim || ((Timestamp) poll[1]).toInstant().isBefore(killedAt), url + ": a poll by the dead instance");
            }
            if (held) {
                assertTrue(polls.stream().anyMatch(p -> !((String) p[0]).startsWith(victimPid + "@")
                        && ((Timestamp) p[1]).toInstant().isAfter(killedAt)), url + ": taken over after the victim died");
            }
        }
    }

    private static void assertNoPostStoredTwice(Connection db, BlogFarm farm) throws SQLException {
        assertEquals(List.of(), rows(db, "select canonical_url, count(*) from entry group by canonical_url having count(*) > 1"));
        assertEquals(farm.servedPostUrls().size(), count(db, "select count(*) from entry"), "one entry per post served");
        assertEquals(FEEDS, count(db, "select count(*) from entry where conference_slug is not null"), "every report classified");
    }

    /** One digest built, every outbox row sent once (the victim's too), one message in every subscriber's mailbox. */
    private static int assertOneDigestPerSubscriber(Connection db, GreenMail smtp, Set<String> heldMessages, Instant killedAt)
            throws Exception {
        assertEquals(1, count(db, "select count(*) from digest"), "the week's digest built once");
        assertEquals(SUBSCRIBERS, count(db, "select count(*) from outbox where status = 'SENT'"));
        for (String id : heldMessages) {
            Timestamp sentAt = (Timestamp) rows(db, "select sent_at from outbox where id = " + id).get(0).get(0);
            assertTrue(sentAt.toInstant().isAfter(killedAt), "message " + id + " the victim held was sent by another instance");
        }
        Map<String, Integer> received = digestsByRecipient(smtp);
        for (int i = 1; i <= SUBSCRIBERS; i++) {
            int copies = received.getOrDefault(address(i), 0);
            if (copies != 1) {
                List<String> ids = new ArrayList<>();
                for (MimeMessage m : smtp.getReceivedMessages()) {
                    if (m.getAllRecipients()[0].toString().equals(address(i))) {
                        ids.add(m.getMessageID() + " " + m.getHeader("Received", " | "));
                    }
                }
                throw new AssertionError(address(i) + " received the digest " + copies + " times: " + ids + "; its row: "
                        + rows(db, "select id, status, attempts, message_id, sent_at from outbox where subscriber_id = "
                        + (1_000_000 + i)) + "; the victim held " + heldMessages);
            }
        }
        int digests = received.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(SUBSCRIBERS, digests, "no digest to anyone else, none twice");
        return digests;
    }

    private static Map<String, Integer> digestsByRecipient(GreenMail smtp) throws Exception {
        Map<String, Integer> received = new TreeMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getSubject().startsWith("Hallway —")) {
                for (Address to : m.getAllRecipients()) {
                    received.merge(to.toString(), 1, Integer::sum);
                }
            }
        }
        return received;
    }

    private static long count(Connection db, String sql) throws SQLException {
        return ((Number) rows(db, sql).get(0).get(0)).longValue();
    }

    private static Set<String> ids(Connection db, String sql, String parameter) throws SQLException {
        Set<String> ids = new java.util.TreeSet<>();
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static List<List<Object>> rows(Connection db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String tail(String log) {
        return log.length() <= 6000 ? log : "…" + log.substring(log.length() - 6000);
    }
}
