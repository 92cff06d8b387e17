package dev.hallway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts the loopback feed server before Quarkus, and writes the feeds.yaml the application starts with
 * (empty: each test writes the feeds it needs through {@link HallwayTestSupport}).
 */
public class FeedServerResource implements QuarkusTestResourceLifecycleManager {

    private static FeedServer server;

    public static synchronized FeedServer server() {
        if (server == null) {
            server = FeedServer.start();
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        server();
        Path feeds = Path.of("target/test-feeds.yaml");
        try {
            Files.createDirectories(feeds.getParent());
            Files.writeString(feeds, "feeds: []\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("hallway.feeds-file", feeds.toString());
    }

    @Override
    public void stop() {
        // the server lives as long as the test JVM: several Quarkus restarts share it
    }
}
