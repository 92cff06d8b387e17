package dev.hallway.poll;

import dev.hallway.support.FeedServer;
import dev.hallway.support.Fixtures;
import dev.hallway.support.HallwayProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged service with an H2 file database: polls on its own schedule, and a restart loses nothing. */
class RestartKeepsEverythingIT {

    @Test
    void aRestartKeepsSourcesEntriesAndValidatorsAndDoesNotRefetch() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "restart-");
        dev.hallway.support.TestDatabase.drop("restart");
        try (FeedServer server = FeedServer.start()) {
            server.serveWithValidators("/wp.rss", Fixtures.bytes("seeds/adventures-in-oss.rss"), Fixtures.RSS,
                    "\"wp-1\"", "Mon, 03 Jun 2024 10:00:00 GMT");
            server.serveWithValidators("/pingcap.atom", Fixtures.bytes("seeds/pingcap-blog.atom"), Fixtures.ATOM,
                    "\"pc-1\"", "Mon, 11 Feb 2019 10:00:00 GMT");
            Files.writeString(dir.resolve("feeds.yaml"), "feeds:\n  - url: " + server.url("/wp.rss")
                    + "\n    name: Tarus\n  - url: " + server.url("/pingcap.atom") + "\n");
            Map<String, String> settings = dev.hallway.support.TestDatabase.forProcess("restart", true);

            String before;
            try (HallwayProcess first = HallwayProcess.start(dir, settings).awaitReady(Duration.ofSeconds(60))) {
                before = awaitBothPolled(first);
                first.stop();
            }
            assertEquals(1, server.requests("/wp.rss").size());
            assertEquals(1, server.requests("/pingcap.atom").size());

            try (HallwayProcess second = HallwayProcess.start(dir, settings).awaitReady(Duration.ofSeconds(60))) {
                HallwayProcess.sleep(3000); // several scheduler ticks: nothing is due, so nothing is fetched
                assertEquals(1, server.requests("/wp.rss").size(), "a restart does not refetch what is not due");
                String after = second.get("/sources").body();
                assertEquals(before.replaceAll("\"nextPollAt\":\"[^\"]+\"", ""), after.replaceAll("\"nextPollAt\":\"[^\"]+\"", ""),
                        "sources, statuses and entry counts survive the restart");

                String outcome = second.postAdmin("/admin/poll").body();
                assertTrue(outcome.contains("\"result\":\"not_modified\""), outcome);
                assertEquals("\"wp-1\"", server.requests("/wp.rss").get(1).header("If-None-Match"),
                        "validators survive the restart");
            }
        } finally {
            dev.hallway.support.TestDatabase.drop("restart");
        }
    }

    private static String awaitBothPolled(HallwayProcess hallway) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = hallway.get("/sources").body();
            if (body.contains("\"entryCount\":10") && body.contains("\"entryCount\":2") && !body.contains("\"status\":\"new\"")) {
                return body;
            }
            HallwayProcess.sleep(250);
        }
        throw new AssertionError("feeds not polled in time: " + hallway.get("/sources").body() + "\n" + hallway.output());
    }
}
