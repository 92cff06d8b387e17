package dev.hallway.source;

import dev.hallway.support.HallwayProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged service refuses to start on a bad feeds.yaml and says what and where. */
class StartupRefusesBadFeedsFileIT {

    private static void assertRefused(String yaml, String expected) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "bad-feeds-");
        Files.writeString(dir.resolve("feeds.yaml"), yaml);
        try (HallwayProcess hallway = HallwayProcess.start(dir, dev.hallway.support.TestDatabase.forProcess("bad-feeds", false))) {
            int exit = hallway.awaitExit(Duration.ofSeconds(60));
            assertNotEquals(0, exit, "the service must not start");
            assertTrue(hallway.output().contains(expected), "expected '" + expected + "' in:\n" + hallway.output());
        }
    }

    @Test
    void anUnknownKeyStopsStartupWithFileLineAndColumn() throws IOException {
        assertRefused("""
                feeds:
                  - url: https://example.org/feed.xml
                    name: Example
                    tagz: [typo]
                """, "Hallway cannot start: ./feeds.yaml:4:5: unknown key 'tagz' in 'feeds[0]'");
    }

    @Test
    void aDuplicateUrlStopsStartup() throws IOException {
        assertRefused("""
                feeds:
                  - url: https://example.org/feed.xml
                  - url: https://example.org/feed.xml
                """, "./feeds.yaml:3:10: duplicate feed url https://example.org/feed.xml (already listed at line 2)");
    }

    @Test
    void brokenYamlStopsStartup() throws IOException {
        assertRefused("feeds:\n  - url: https://example.org/feed.xml\n   name: misaligned\n", "./feeds.yaml:3:");
    }
}
